import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { QuotaBarView } from "./quota-view";

const barTones = {
  ok: "bg-brand-600",
  low: "bg-amber-500",
  empty: "bg-transparent",
} as const;

/**
 * One quota line: label, "剩余 X / 共 Y", a bar of what is left, and a note under it
 * (reset or expiry date). The bar is decorative; the text carries the numbers.
 */
export function QuotaMeter({
  label,
  bar,
  note,
  testId,
  className,
}: {
  label: ReactNode;
  bar: QuotaBarView;
  note?: ReactNode;
  /** put on the remaining amount, e.g. "free-remaining" */
  testId?: string;
  className?: string;
}) {
  const t = useTranslations("home.quota");
  return (
    <div className={className}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
        <span className="min-w-0 text-sm font-medium text-slate-700">{label}</span>
        <span className="text-sm text-slate-500 tabular-nums">
          {t.rich("remainingOf", {
            remaining: bar.remainingText,
            total: bar.totalText,
            value: (chunks) => (
              <strong data-testid={testId} className={cn("text-base font-semibold", bar.tone === "empty" ? "text-amber-700" : "text-slate-900")}>
                {chunks}
              </strong>
            ),
          })}
        </span>
      </div>
      <div aria-hidden className="mt-2 h-2.5 overflow-hidden rounded-full bg-slate-100">
        <div className={cn("h-full rounded-full transition-[width] duration-500", barTones[bar.tone])} style={{ width: `${bar.percent}%` }} />
      </div>
      {note ? <p className="mt-1.5 text-xs text-slate-500">{note}</p> : null}
    </div>
  );
}
