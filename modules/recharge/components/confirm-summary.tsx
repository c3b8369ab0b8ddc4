import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** The rows of a recharge confirmation (online and counter): label on the left, value on the right. */
export function SummaryRow({ label, children, className, testId }: { label: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <div className="flex items-baseline justify-between gap-3">
      <dt className="text-slate-600">{label}</dt>
      <dd className={cn("text-slate-900", className)} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The amount, last and large, under a rule. */
export function SummaryTotal({ label, amount, className, testId }: { label: string; amount: string; className?: string; testId?: string }) {
  return (
    <div className={cn("flex items-baseline justify-between gap-3 border-t border-slate-200", className)}>
      <dt className="font-medium text-slate-900">{label}</dt>
      <dd className="text-2xl font-semibold text-brand-800 tabular-nums" data-testid={testId}>
        {amount}
      </dd>
    </div>
  );
}
