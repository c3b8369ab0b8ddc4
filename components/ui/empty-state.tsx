import type { ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div className={cn("ui-empty-state", className)}>
      {icon ? (
        <div aria-hidden className="mb-4 flex size-14 items-center justify-center rounded-2xl bg-brand-50 text-brand-700 [&_svg]:size-7">
          {icon}
        </div>
      ) : null}
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      {description ? <p className="mt-1.5 max-w-sm text-sm text-slate-500">{description}</p> : null}
      {/* A button-styled action may wrap (at 320 px with 200 % text its one line is wider than the screen). */}
      {action ? <div className="mt-5 max-w-full [&>a]:h-auto [&>a]:min-h-11 [&>a]:py-2 [&>a]:whitespace-normal">{action}</div> : null}
    </div>
  );
}
