import { ChevronDown } from "@/components/icons/lucide/chevron-down";
import { CreditCard } from "@/components/icons/lucide/credit-card";
import { useTranslations } from "next-intl";

/**
 * 为什么不能用校园卡充值？ The campus card is a separate, closed account whose money is
 * earmarked (专款专用); students look for it, so the answer sits where they look (../shared/seeds/000_a9f4faf645ed9bce.txt).
 */
export function CampusCardNote() {
  const t = useTranslations("recharge.campusCard");
  return (
    <details
      data-testid="campus-card-note"
      className="group rounded-2xl bg-white shadow-card ring-1 ring-slate-900/5 [&_summary::-webkit-details-marker]:hidden"
    >
      <summary className="flex min-h-12 cursor-pointer list-none items-center gap-3 rounded-2xl px-4 py-3 text-[0.9375rem] font-medium text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 sm:px-5">
        <CreditCard aria-hidden className="size-5 shrink-0 text-slate-400" />
        <span className="flex-1">{t("question")}</span>
        <ChevronDown aria-hidden className="size-4 shrink-0 text-slate-400 transition-transform group-open:rotate-180" />
      </summary>
      <div className="space-y-2 px-4 pb-4 text-sm leading-relaxed text-slate-600 sm:px-5">
        <p>{t("separate")}</p>
        <p>{t("earmarked")}</p>
        <p>{t("instead")}</p>
      </div>
    </details>
  );
}
