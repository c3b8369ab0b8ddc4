"use client";

import { ShieldAlert } from "@/components/icons/lucide/shield-alert";
import { useLocale, useTranslations } from "next-intl";
import { formatFen } from "@/lib/money";
import { SummaryRow, SummaryTotal } from "./confirm-summary";
import type { RechargeTarget } from "./recharge-account";

/** What the student confirms before paying (请务必核对充值账号): account, channel, amount, time to pay. */
export function RechargeConfirmation({
  target,
  channel,
  amountFen,
  orderTimeoutMinutes,
}: {
  target: RechargeTarget;
  channel: "WECHAT" | "ALIPAY" | "SANDBOX";
  amountFen: bigint;
  orderTimeoutMinutes: number;
}) {
  const t = useTranslations("recharge.form");
  const locale = useLocale();
  return (
    <div data-testid="recharge-confirm">
      <p className="flex gap-2 rounded-xl bg-amber-50 px-3.5 py-3 text-sm font-medium text-amber-900 ring-1 ring-amber-600/20 ring-inset">
        <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
        {t("confirm.check")}
      </p>
      <dl className="mt-4 space-y-2.5 text-[0.9375rem]">
        <SummaryRow label={t("confirm.account")} className="text-right" testId="recharge-confirm-account">
          <span className="font-semibold">{target.maskedName}</span>
          <span className="block text-sm text-slate-600 tabular-nums">{t("account.studentNo", { studentNo: target.studentNo })}</span>
        </SummaryRow>
        {!target.isSelf ? <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">{t("confirm.forOther")}</p> : null}
        <SummaryRow label={t("confirm.channel")}>{t(`channel.${channel}`)}</SummaryRow>
        <SummaryTotal label={t("confirm.amount")} amount={formatFen(amountFen, locale)} className="pt-2.5" testId="recharge-confirm-amount" />
      </dl>
      <p className="mt-3 text-xs text-slate-500">{t("confirm.timeout", { minutes: orderTimeoutMinutes })}</p>
    </div>
  );
}
