import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { useFormat } from "@/i18n/use-format";
import { fenToChineseUpper } from "./receipt-view";
import { wallMs } from "@/lib/clock";

/** What a receipt shows; fen and dates as strings so server pages and client forms share it. */
export interface ReceiptView {
  orderNo: string;
  channel: "SANDBOX" | "WECHAT" | "ALIPAY" | "COUNTER";
  amountFen: string;
  refundedFen?: string;
  account: { studentNo: string; name: string };
  paidAt?: string | null;
  creditedAt: string;
  gatewayTxnRef?: string | null;
  journalEntryId: string;
  /** counter recharges */
  operator?: { studentNo: string; name: string } | null;
  note?: string | null;
  /** known right after a counter recharge */
  balanceAfterFen?: string | null;
}

// Printing shows the receipt alone, whatever shell is around it.
const PRINT_CSS = `@media print {
  @page { margin: 14mm; }
  body * { visibility: hidden !important; }
  [data-print-area], [data-print-area] * { visibility: visible !important; }
  [data-print-area] { position: absolute !important; left: 0; top: 0; width: 100%; box-shadow: none !important; border: 1px solid #94a3b8 !important; }
}`;

/** 网费充值收据: a credited recharge, printable (A4/A5, black on white). */
export function Receipt({ receipt, className }: { receipt: ReceiptView; className?: string }) {
  const t = useTranslations("recharge.receipt");
  const f = useFormat();
  const amountFen = BigInt(receipt.amountFen);
  const refunded = receipt.refundedFen ? BigInt(receipt.refundedFen) : 0n;
  return (
    <article
      data-print-area
      data-testid="receipt"
      className={cn("rounded-2xl bg-white p-5 text-slate-900 shadow-card ring-1 ring-slate-900/5 sm:p-8 print:rounded-none print:p-6", className)}
    >
      <style>{PRINT_CSS}</style>
      <header className="border-b-2 border-slate-900 pb-3 text-center">
        <p className="text-xs tracking-widest text-slate-500">{t("issuer")}</p>
        <h2 className="mt-1 text-xl font-semibold tracking-wide">{t("title")}</h2>
        <p className="mt-1 font-mono text-xs text-slate-600">
          {t("number")} <span data-testid="receipt-no">{receipt.orderNo}</span>
        </p>
      </header>
      <dl className="mt-4 divide-y divide-dashed divide-slate-300 text-sm">
        <Line label={t("account")}>
          <span className="font-medium">{receipt.account.name}</span>
          <span className="ml-2 tabular-nums">{receipt.account.studentNo}</span>
        </Line>
        <Line label={t("channel")}>{t(`channelName.${receipt.channel}`)}</Line>
        <Line label={t("amount")}>
          <span className="text-lg font-semibold tabular-nums" data-testid="receipt-amount">
            {f.fen(amountFen)}
          </span>
        </Line>
        <Line label={t("amountUpper")}>
          <span className="font-medium">{fenToChineseUpper(amountFen)}</span>
        </Line>
        {refunded > 0n ? <Line label={t("refunded")}>{f.fen(refunded)}</Line> : null}
        {receipt.paidAt ? <Line label={t("paidAt")}>{f.dateTime(receipt.paidAt)}</Line> : null}
        <Line label={t("creditedAt")}>{f.dateTime(receipt.creditedAt)}</Line>
        {receipt.balanceAfterFen ? (
          <Line label={t("balanceAfter")}>
            <span className="tabular-nums" data-testid="receipt-balance-after">
              {f.fen(receipt.balanceAfterFen)}
            </span>
          </Line>
        ) : null}
        {receipt.operator ? (
          <Line label={t("operator")}>
            {receipt.operator.name}
            <span className="ml-2 text-slate-600 tabular-nums">{receipt.operator.studentNo}</span>
          </Line>
        ) : null}
        {receipt.note ? <Line label={t("note")}>{receipt.note}</Line> : null}
        {receipt.gatewayTxnRef ? <Line label={t("gatewayTxn")}>{receipt.gatewayTxnRef}</Line> : null}
        <Line label={t("entry")}>
          <span className="font-mono text-xs break-all">{receipt.journalEntryId}</span>
        </Line>
      </dl>
      <footer className="mt-5 space-y-1 border-t border-slate-300 pt-3 text-xs leading-relaxed text-slate-500">
        <p>{t("earmarked")}</p>
        <p>
          {t("printedAt")} {f.dateTime(new Date(wallMs()))} · {t("zone")}
        </p>
        {receipt.operator ? (
          <p className="flex justify-between gap-6 pt-6 text-slate-700">
            <span>{t("signOperator")} ____________</span>
            <span>{t("signStudent")} ____________</span>
          </p>
        ) : null}
      </footer>
    </article>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-right break-words">{children}</dd>
    </div>
  );
}
