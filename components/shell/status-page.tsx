import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A centred full-screen message: 403, 404, errors, offline. */
export function StatusPage({
  icon,
  code,
  title,
  description,
  children,
  className,
}: {
  icon?: ReactNode;
  code?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Actions (links, buttons) and extra details under the text. */
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex min-h-[70dvh] items-center justify-center px-6 py-12", className)}>
      <div className="w-full max-w-md text-center">
        {icon ? (
          <div aria-hidden className="mx-auto mb-5 flex size-16 items-center justify-center rounded-2xl bg-brand-50 text-brand-700 [&_svg]:size-8">
            {icon}
          </div>
        ) : null}
        {code ? <p className="text-sm font-semibold tracking-widest text-brand-700 tabular-nums">{code}</p> : null}
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <p className="mt-3 text-[0.9375rem] leading-relaxed text-slate-600">{description}</p> : null}
        {children ? <div className="mt-7 flex flex-col items-center gap-3">{children}</div> : null}
      </div>
    </div>
  );
}
