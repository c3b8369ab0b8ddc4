import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { FinanceStateBadge, FlagBadge } from "@/modules/finance/components/finance-badges";
import { ResolveFlagForm, ReverseEntryForm } from "@/modules/finance/components/reason-action-form";
import { RefundPanel } from "@/modules/finance/components/refund-panel";
import { getOrderDetail } from "@/modules/finance/service";
import { isFlagReason } from "@/modules/orders/flags";
import { orNotFound } from "@/lib/or-not-found";

export async function generateMetadata({ params }: { params: Promise<{ orderNo: string }> }) {
  const [{ orderNo }, t] = await Promise.all([params, getTranslations("finance.detail")]);
  return { title: t("title", { orderNo }) };
}

export default async function FinanceOrderPage({ params }: { params: Promise<{ orderNo: string }> }) {
  const { orderNo } = await params;
  const staff = await requireStaff("finance.view", `/admin/finance/orders/${encodeURIComponent(orderNo)}`);
  const [t, ts, tc, locale] = await Promise.all([
    getTranslations("finance"),
    getTranslations("finance.state"),
    getTranslations("finance.channel"),
    getLocale(),
  ]);
  const o = await orNotFound(getOrderDetail(orderNo, staff));
  const fen = (v: bigint) => formatFen(v, locale);
  const at = (d: Date | null) => (d ? formatDateTime(d, locale) : "—");
  const reversed = o.flagReason === "REVERSED";
  const inQueue = o.state === "FLAGGED" || o.flaggedAt !== null;

  return (
    <div className="space-y-5">
      <PageHeader
        title={t("detail.title", { orderNo: o.orderNo })}
        backHref="/admin/finance/orders"
        backLabel={t("orders.title")}
        actions={
          <div className="flex flex-wrap gap-1.5">
            <FinanceStateBadge state={o.state} />
            {o.flaggedAt || reversed ? <FlagBadge reason={o.flagReason} /> : null}
          </div>
        }
      />

      <Card>
        <CardContent className="pt-5">
          <dl className="grid gap-x-8 gap-y-0 text-sm sm:grid-cols-2" data-testid="finance-order-summary">
            <Item label={t("detail.student")}>
              <Link href={`/admin/users/${encodeURIComponent(o.user.studentNo)}`} className="font-medium text-brand-700 hover:underline">
                {o.user.name} · {o.user.studentNo}
              </Link>
            </Item>
            <Item label={t("detail.channel")}>{tc(o.channel)}</Item>
            <Item label={t("detail.amount")}>
              <span className="font-semibold">{fen(o.amountFen)}</span>
            </Item>
            <Item label={t("detail.paidAmount")}>{o.paidAmountFen === null ? "—" : fen(o.paidAmountFen)}</Item>
            <Item label={t("detail.refunded")}>{fen(o.refundedFen)}</Item>
            <Item label={t("detail.createdBy")}>
              {o.createdBy.name} · {o.createdBy.studentNo}
            </Item>
            <Item label={t("detail.createdAt")}>{at(o.createdAt)}</Item>
            <Item label={t("detail.paidAt")}>{at(o.paidAt)}</Item>
            <Item label={t("detail.creditedAt")}>{at(o.creditedAt)}</Item>
            <Item label={t("detail.closedAt")}>{at(o.closedAt)}</Item>
            <Item label={t("detail.gatewayTxn")}>
              <span className="font-mono text-xs break-all">{o.gatewayTxnId ?? "—"}</span>
            </Item>
            <Item label={t("detail.entry")}>
              <span className="font-mono text-xs break-all">{o.journalEntryId ?? "—"}</span>
            </Item>
            {o.note ? <Item label={t("detail.note")}>{o.note}</Item> : null}
            {o.paidAfterClose ? <Item label={t("detail.paidAfterClose")}>{t("detail.yes")}</Item> : null}
          </dl>
        </CardContent>
      </Card>

      {inQueue ? (
        <Card className="ring-red-600/20">
          <CardHeader>
            <div>
              <CardTitle>{t("detail.queueTitle")}</CardTitle>
              <CardDescription>
                {t(`flagExplain.${o.state === "FLAGGED" ? "AMOUNT_MISMATCH" : isFlagReason(o.flagReason) ? o.flagReason : "OTHER"}`)}
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent className="max-w-xl">
            <ResolveFlagForm orderNo={o.orderNo} resolution={o.state === "FLAGGED" ? "CREDIT_PAID_AMOUNT" : "ACKNOWLEDGE"} />
          </CardContent>
        </Card>
      ) : null}

      {o.state === "CREDITED" && !reversed ? (
        <Card>
          <CardHeader>
            <div>
              <CardTitle>{t("refund.title")}</CardTitle>
              <CardDescription>{t("refund.description")}</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <RefundPanel orderNo={o.orderNo} channelName={tc(o.channel)} />
          </CardContent>
        </Card>
      ) : null}

      {o.journalEntryId && !reversed && o.refundedFen === 0n ? (
        <Card>
          <CardContent className="max-w-xl pt-5">
            <ReverseEntryForm entryId={o.journalEntryId} />
          </CardContent>
        </Card>
      ) : null}

      <section aria-labelledby="fo-events" className="space-y-2">
        <h2 id="fo-events" className="text-base font-semibold text-slate-900">
          {t("detail.events")}
        </h2>
        <Table aria-labelledby="fo-events" data-testid="finance-order-events">
          <TableHeader>
            <TableRow>
              <TableHead>{t("detail.time")}</TableHead>
              <TableHead>{t("detail.transition")}</TableHead>
              <TableHead>{t("detail.eventNote")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {o.events.map((e, i) => (
              <TableRow key={i}>
                <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(e.at, locale)}</TableCell>
                <TableCell className="whitespace-nowrap">
                  {e.fromState ? `${ts(e.fromState)} → ` : ""}
                  {ts(e.toState)}
                </TableCell>
                <TableCell className="text-slate-600">{e.note ?? ""}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>

      <section aria-labelledby="fo-refunds" className="space-y-2">
        <h2 id="fo-refunds" className="text-base font-semibold text-slate-900">
          {t("detail.refunds")}
        </h2>
        <Table aria-labelledby="fo-refunds">
          <TableHeader>
            <TableRow>
              <TableHead>{t("detail.refundNo")}</TableHead>
              <TableHead>{t("detail.time")}</TableHead>
              <TableHead>{t("detail.kind")}</TableHead>
              <TableHead numeric>{t("detail.refundAmount")}</TableHead>
              <TableHead>{t("detail.refundState")}</TableHead>
              <TableHead>{t("detail.reason")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {o.refunds.length === 0 ? (
              <TableEmpty colSpan={6}>{t("detail.noRefunds")}</TableEmpty>
            ) : (
              o.refunds.map((r) => (
                <TableRow key={r.refundNo} data-testid="finance-refund-row">
                  <TableCell className="font-mono text-[0.8125rem]">{r.refundNo}</TableCell>
                  <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(r.createdAt, locale)}</TableCell>
                  <TableCell>{t(`refundKind.${r.kind}`)}</TableCell>
                  <TableCell numeric>{fen(r.amountFen)}</TableCell>
                  <TableCell>
                    <Badge tone={r.state === "SUCCEEDED" ? "green" : r.state === "PENDING" ? "amber" : "red"}>{t(`refundState.${r.state}`)}</Badge>
                  </TableCell>
                  <TableCell className="text-slate-600">{r.reason}</TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </section>

      {o.notifications.length > 0 ? (
        <section aria-labelledby="fo-notifications" className="space-y-2">
          <h2 id="fo-notifications" className="text-base font-semibold text-slate-900">
            {t("detail.notifications")}
          </h2>
          <Table aria-labelledby="fo-notifications">
            <TableHeader>
              <TableRow>
                <TableHead>{t("detail.time")}</TableHead>
                <TableHead>{t("detail.verified")}</TableHead>
                <TableHead>{t("detail.outcome")}</TableHead>
                <TableHead>{t("detail.detailCol")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {o.notifications.map((n) => (
                <TableRow key={n.id.toString()}>
                  <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(n.receivedAt, locale)}</TableCell>
                  <TableCell>
                    <Badge tone={n.verified ? "green" : "red"}>{n.verified ? t("detail.verifiedYes") : t("detail.verifiedNo")}</Badge>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{n.outcome ?? ""}</TableCell>
                  <TableCell className="max-w-md truncate text-xs text-slate-600">
                    {typeof n.detail === "string" ? n.detail : n.detail ? JSON.stringify(n.detail) : ""}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}
    </div>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 border-b border-slate-100 py-2.5">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-right text-slate-900">{children}</dd>
    </div>
  );
}
