import { ChevronLeft } from "@/components/icons/lucide/chevron-left";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "./cn";

export type PageHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Shows a back link above the title. */
  backHref?: string;
  backLabel?: ReactNode;
  /** Buttons or links on the right (below the title on narrow screens). */
  actions?: ReactNode;
  className?: string;
};

export function PageHeader({ title, description, backHref, backLabel, actions, className }: PageHeaderProps) {
  const t = useTranslations("common");
  return (
    <header className={cn("ui-page-header", className)}>
      {backHref ? (
        <Link
          href={backHref}
          className="mb-2 -ml-1 inline-flex items-center gap-0.5 rounded-lg py-1 pr-2 text-sm font-medium text-brand-700 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-brand-700"
        >
          <ChevronLeft aria-hidden className="size-4" />
          {backLabel ?? t("actions.back")}
        </Link>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
    </header>
  );
}
