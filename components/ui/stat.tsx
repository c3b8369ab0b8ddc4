import type { ReactNode } from "react";
import { cn } from "./cn";

export type StatProps = {
  label: ReactNode;
  /** The big number, already formatted (formatFen / formatBytes). */
  value: ReactNode;
  /** A unit or suffix shown smaller beside the value. */
  unit?: ReactNode;
  sub?: ReactNode;
  size?: "md" | "lg" | "xl";
  /** White text for use on the brand-coloured hero card. */
  inverted?: boolean;
  className?: string;
};

const valueSizes = { md: "text-2xl", lg: "text-3xl", xl: "text-4xl sm:text-5xl" } as const;

export function Stat({ label, value, unit, sub, size = "lg", inverted = false, className }: StatProps) {
  return (
    <div className={cn("min-w-0", className)}>
      <div className={cn("text-sm", inverted ? "text-white/80" : "text-slate-500")}>{label}</div>
      <div className={cn("mt-1 font-semibold tracking-tight break-words tabular-nums", valueSizes[size], inverted ? "text-white" : "text-slate-900")}>
        {value}
        {unit ? <span className={cn("ml-1 text-base font-medium", inverted ? "text-white/80" : "text-slate-500")}>{unit}</span> : null}
      </div>
      {sub ? <div className={cn("mt-1 text-sm", inverted ? "text-white/80" : "text-slate-500")}>{sub}</div> : null}
    </div>
  );
}
