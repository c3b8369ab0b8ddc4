"use client";

import { TriangleAlert } from "@/components/icons/lucide/triangle-alert";
import { useLocale, useTranslations } from "next-intl";
import { formatFen } from "@/lib/money";
import { SummaryRow, SummaryTotal } from "./confirm-summary";

/** What the operator confirms before taking the cash; warns when the server will refuse it. */
export function CounterConfirmation({
  student,
  note,
  amountFen,
  willBeRefused,
}: {
  student: { studentNo: string; name: string };
  note: string;
  amountFen: bigint;
  willBeRefused: boolean;
}) {
  const t = useTranslations("counter.form");
  const locale = useLocale();
  return (
    <div data-testid="counter-confirm">
      <dl className="space-y-2 text-[0.9375rem]">
        <SummaryRow label={t("confirm.student")} className="text-right">
          <span className="font-semibold">{student.name}</span>
          <span className="ml-2 tabular-nums">{student.studentNo}</span>
        </SummaryRow>
        <SummaryRow label={t("confirm.note")} className="min-w-0 text-right break-words">
          {note || "—"}
        </SummaryRow>
        <SummaryTotal label={t("confirm.amount")} amount={formatFen(amountFen, locale)} className="pt-2" />
      </dl>
      <p className="mt-3 text-sm text-slate-600">{t("confirm.cash")}</p>
      {willBeRefused ? (
        <p className="mt-3 flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
          {t("confirm.willBeRefused")}
        </p>
      ) : null}
    </div>
  );
}
