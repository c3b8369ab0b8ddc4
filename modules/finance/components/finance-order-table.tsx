import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useFormat } from "@/i18n/use-format";
import { FinanceStateBadge, FlagBadge } from "./finance-badges";

export interface FinanceOrderRowView {
  orderNo: string;
  channel: "SANDBOX" | "WECHAT" | "ALIPAY" | "COUNTER";
  amountFen: bigint;
  paidAmountFen: bigint | null;
  refundedFen: bigint;
  state: "CREATED" | "PAID" | "CREDITED" | "CLOSED" | "FLAGGED";
  flagReason: string | null;
  flaggedAt: Date | null;
  createdAt: Date;
  user: { studentNo: string; name: string };
}

/** Orders as finance lists them (search results, the queue); each links to its detail page. */
export function FinanceOrderTable({ orders }: { orders: FinanceOrderRowView[] }) {
  const t = useTranslations("finance.orders");
  const tc = useTranslations("finance.channel");
  const f = useFormat();
  return (
    <Table aria-label={t("tableLabel")}>
      <TableHeader>
        <TableRow>
          <TableHead>{t("orderNo")}</TableHead>
          <TableHead>{t("time")}</TableHead>
          <TableHead>{t("student")}</TableHead>
          <TableHead>{t("channel")}</TableHead>
          <TableHead numeric>{t("amount")}</TableHead>
          <TableHead>{t("state")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {orders.map((o) => (
          <TableRow key={o.orderNo} data-testid="finance-order-row" data-state={o.state}>
            <TableCell>
              <Link
                href={`/admin/finance/orders/${encodeURIComponent(o.orderNo)}`}
                className="font-mono text-[0.8125rem] font-medium text-brand-700 underline-offset-2 hover:underline"
              >
                {o.orderNo}
              </Link>
            </TableCell>
            <TableCell className="whitespace-nowrap tabular-nums">{f.dateTime(o.createdAt)}</TableCell>
            <TableCell className="whitespace-nowrap">
              <span className="font-medium">{o.user.name}</span>
              <span className="ml-2 text-slate-500 tabular-nums">{o.user.studentNo}</span>
            </TableCell>
            <TableCell className="whitespace-nowrap">{tc(o.channel)}</TableCell>
            <TableCell numeric className="whitespace-nowrap">
              {f.fen(o.amountFen)}
              {o.paidAmountFen !== null && o.paidAmountFen !== o.amountFen ? (
                <span className="block text-xs text-red-700">{t("paid", { amount: f.fen(o.paidAmountFen) })}</span>
              ) : null}
              {o.refundedFen > 0n ? <span className="block text-xs text-slate-500">{t("refunded", { amount: f.fen(o.refundedFen) })}</span> : null}
            </TableCell>
            <TableCell>
              <div className="flex flex-wrap gap-1">
                <FinanceStateBadge state={o.state} />
                {o.flaggedAt || o.flagReason === "REVERSED" ? <FlagBadge reason={o.flagReason} /> : null}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
