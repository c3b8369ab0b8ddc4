import { ChevronRight } from "@/components/icons/lucide/chevron-right";
import { FileText } from "@/components/icons/lucide/file-text";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { useFormat } from "@/i18n/use-format";
import type { OrderDisplayState } from "@/modules/recharge/shared";
import { ChannelMark } from "./channel-mark";
import { OrderStateBadge } from "./order-state-badge";

export interface RechargeRecordView {
  orderNo: string;
  channel: "SANDBOX" | "WECHAT" | "ALIPAY" | "COUNTER";
  amountFen: string;
  refundedFen: string;
  displayState: OrderDisplayState;
  createdAt: string;
  creditedAt: string | null;
  target: { studentNo: string; maskedName: string; isSelf: boolean };
  forOther: boolean;
  hasReceipt: boolean;
}

/** 充值记录: one row per order, the same on phones and desktops. */
export function RechargeRecords({ rows }: { rows: RechargeRecordView[] }) {
  const t = useTranslations("recharge.records");
  const tc = useTranslations("recharge.order.channelName");
  const f = useFormat();
  return (
    <ul aria-label={t("listLabel")} className="divide-y divide-slate-100 overflow-hidden rounded-2xl bg-white shadow-card ring-1 ring-slate-900/5">
      {rows.map((row) => {
        const refunded = BigInt(row.refundedFen) > 0n;
        return (
          <li key={row.orderNo} data-testid="recharge-row" data-state={row.displayState} className="flex items-stretch">
            <Link
              href={`/recharge/orders/${encodeURIComponent(row.orderNo)}`}
              className="flex min-w-0 flex-1 items-center gap-3 px-4 py-3.5 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-700 sm:px-5"
            >
              <ChannelMark channel={row.channel} />
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className={cn("font-semibold tabular-nums", row.displayState === "CREDITED" ? "text-slate-900" : "text-slate-500")}>
                    {f.fen(row.amountFen)}
                  </span>
                  <OrderStateBadge state={row.displayState} />
                  {refunded ? <span className="text-xs text-slate-500">{t("refunded", { amount: f.fen(row.refundedFen) })}</span> : null}
                </p>
                <p className="mt-0.5 truncate text-xs text-slate-500">
                  {tc(row.channel)}
                  <span aria-hidden>{" · "}</span>
                  <time dateTime={row.createdAt} className="tabular-nums">
                    {f.dateTime(row.createdAt)}
                  </time>
                </p>
                {row.forOther ? (
                  <p className="mt-0.5 truncate text-xs text-slate-600">{t("forOther", { name: row.target.maskedName, studentNo: row.target.studentNo })}</p>
                ) : null}
              </div>
              <ChevronRight aria-hidden className="size-4 shrink-0 text-slate-300" />
            </Link>
            {row.hasReceipt ? (
              <Link
                href={`/recharge/receipts/${encodeURIComponent(row.orderNo)}`}
                className="flex w-16 shrink-0 flex-col items-center justify-center gap-0.5 border-l border-slate-100 text-xs font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-700"
                data-testid="recharge-row-receipt"
              >
                <FileText aria-hidden className="size-4.5" />
                {t("receipt")}
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
