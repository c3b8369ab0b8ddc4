import { Gauge } from "@/components/icons/lucide/gauge";
import { Zap } from "@/components/icons/lucide/zap";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export type SpeedMode = "HIGH_SPEED" | "THROTTLED";

/**
 * 高速 / 限速中 as a solid pill. `onBrand` is for the brand-coloured hero card; the default
 * is for white cards.
 */
export function SpeedModeBadge({ mode, onBrand = false, className }: { mode: SpeedMode; onBrand?: boolean; className?: string }) {
  const t = useTranslations("home.speed");
  const throttled = mode === "THROTTLED";
  const Icon = throttled ? Gauge : Zap;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2.5 py-1 text-xs font-semibold whitespace-nowrap shadow-sm",
        throttled
          ? "bg-amber-300 text-amber-950"
          : onBrand
            ? "bg-white text-emerald-700"
            : "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-600/20 ring-inset",
        className,
      )}
    >
      <Icon aria-hidden className="size-3.5" strokeWidth={2.5} />
      <span className="sr-only">{t("label")}: </span>
      <span data-testid="speed-mode" data-mode={mode}>
        {t(mode)}
      </span>
    </span>
  );
}
