"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CircleCheck } from "@/components/icons/lucide/circle-check";
import { CircleX } from "@/components/icons/lucide/circle-x";
import { Clock } from "@/components/icons/lucide/clock";
import { FileText } from "@/components/icons/lucide/file-text";
import { Package } from "@/components/icons/lucide/package";
import { ShieldAlert } from "@/components/icons/lucide/shield-alert";
import { WifiOff } from "@/components/icons/lucide/wifi-off";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Spinner } from "@/components/ui/spinner";
import { useFormat } from "@/i18n/use-format";
import { useSafeAction } from "@/lib/use-safe-action";
import { cancelOrderAction, resumePaymentAction } from "@/modules/recharge/actions";
import { rechargeKeys, useOrderStatus } from "@/modules/recharge/hooks/use-order-status";
import { ChannelMark } from "./channel-mark";
import { OrderStateBadge } from "./order-state-badge";
import { type OrderPhase, type OrderStatusDto, orderPhase, orderTimeline } from "./recharge-view";

/**
 * The order page body: where the money is (created → paid → credited), refreshed by polling
 * until the order is credited, closed or under review. Success is said only once the order is
 * CREDITED, i.e. the ledger entry exists.
 */
export function OrderStatus({
  initial,
  returned,
  viewerName,
}: {
  initial: OrderStatusDto;
  returned: boolean;
  /** shown instead of the masked name on one's own orders */ viewerName: string;
}) {
  const t = useTranslations("recharge.order");
  const f = useFormat();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: order, error, isFetching } = useOrderStatus(initial);
  const phase = orderPhase(order.displayState, returned);
  const amount = f.fen(order.amountFen);

  const [cancelOpen, setCancelOpen] = useState(false);
  // On the way to the gateway the button keeps spinning: no second tap.
  const [leaving, setLeaving] = useState(false);
  const recheck = () => void queryClient.invalidateQueries({ queryKey: rechargeKeys.order(order.orderNo) });
  const messages = { invalid: t("error"), network: t("network") };
  const resumePay = useSafeAction(resumePaymentAction, {
    messages,
    onSuccess: (data) => {
      setLeaving(true);
      window.location.assign(data.payUrl);
    },
    onFailure: recheck,
  });
  const cancelOrder = useSafeAction(cancelOrderAction, {
    messages,
    onSuccess: async () => {
      setCancelOpen(false);
      await queryClient.invalidateQueries({ queryKey: rechargeKeys.order(order.orderNo) });
      router.refresh();
    },
    onFailure: recheck,
  });
  const resumePending = resumePay.pending || leaving;
  const actionError = resumePay.errorMessage;
  const resume = () => resumePay.execute({ orderNo: order.orderNo });

  const payActions = (
    <div className="flex flex-col gap-2 sm:flex-row">
      <Button onClick={resume} pending={resumePending} pendingLabel={t("resumePending")} className="sm:min-w-36" data-testid="order-resume">
        {t("resume")}
      </Button>
      <Button variant="secondary" onClick={() => setCancelOpen(true)} disabled={resumePending} data-testid="order-cancel">
        {t("cancel")}
      </Button>
    </div>
  );

  return (
    <div className="space-y-4">
      <Card className="overflow-hidden">
        <div
          data-testid="order-state"
          data-state={order.displayState}
          data-phase={phase}
          aria-live="polite"
          className={cn("px-5 py-6 text-center sm:px-6", heroTone[phase])}
        >
          <PhaseIcon phase={phase} />
          <p className="mt-3 text-lg font-semibold text-slate-900">{t(`phase.${phase}.title`)}</p>
          <p className="mt-1 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums" data-testid="order-amount">
            {phase === "credited" ? `+${amount}` : amount}
          </p>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600">
            {phase === "awaitingPayment"
              ? t("phase.awaitingPayment.text", { time: f.time(order.expiresAt) })
              : phase === "credited"
                ? order.target.isSelf
                  ? t("phase.credited.textSelf")
                  : t("phase.credited.textOther", { name: order.target.maskedName, studentNo: order.target.studentNo })
                : t(`phase.${phase}.text`)}
          </p>
          {phase === "credited" && order.balanceFen !== null ? (
            <p className="mt-3 text-[0.9375rem] text-slate-700">
              {t("balanceNow")}{" "}
              <span className="font-semibold text-slate-900 tabular-nums" data-testid="order-balance">
                {f.fen(order.balanceFen)}
              </span>
            </p>
          ) : null}
          {phase === "credited" && order.paidAfterClose ? <p className="mx-auto mt-2 max-w-md text-xs text-slate-500">{t("paidAfterClose")}</p> : null}
        </div>

        <div className="border-t border-slate-100 px-5 py-4 sm:px-6">
          {phase === "awaitingPayment" ? payActions : null}
          {phase === "processing" && order.displayState === "AWAITING_PAYMENT" ? (
            <details className="text-sm text-slate-600">
              <summary className="cursor-pointer py-1 font-medium text-brand-700">{t("notPaidYet")}</summary>
              <div className="mt-3">{payActions}</div>
            </details>
          ) : null}
          {phase === "credited" ? (
            <div className="flex flex-col gap-2 sm:flex-row">
              <Link
                href={`/recharge/receipts/${encodeURIComponent(order.orderNo)}`}
                className={buttonVariants({ className: "sm:min-w-36" })}
                data-testid="order-receipt-link"
              >
                <FileText aria-hidden />
                {t("receipt")}
              </Link>
              <Link href="/packages" className={buttonVariants({ variant: "secondary" })}>
                <Package aria-hidden />
                {t("toPackages")}
              </Link>
              <Link href="/" className={buttonVariants({ variant: "ghost" })}>
                {t("toHome")}
              </Link>
            </div>
          ) : null}
          {phase === "closed" || phase === "underReview" ? (
            <div className="flex flex-col gap-2 sm:flex-row">
              <Link href="/recharge" className={buttonVariants({ className: "sm:min-w-36" })}>
                {t("again")}
              </Link>
              <Link href="/recharge/records" className={buttonVariants({ variant: "secondary" })}>
                {t("records")}
              </Link>
            </div>
          ) : null}
          {phase === "processing" ? (
            <p className="flex items-center gap-2 text-sm text-slate-500">
              <Spinner className="text-brand-600" />
              {t("autoRefresh")}
            </p>
          ) : null}
          {actionError ? (
            <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {actionError}
            </p>
          ) : null}
          {error && !isFetching ? (
            <p role="status" className="mt-3 flex items-center gap-2 text-sm text-amber-800">
              <WifiOff aria-hidden className="size-4" />
              {t("pollError")}
            </p>
          ) : null}
        </div>
      </Card>

      <Card aria-labelledby="order-details-title" className="px-5 py-4 sm:px-6">
        <div className="flex items-center justify-between gap-3">
          <h2 id="order-details-title" className="text-base font-semibold text-slate-900">
            {t("details")}
          </h2>
          <OrderStateBadge state={order.displayState} />
        </div>
        <dl className="mt-3 divide-y divide-slate-100 text-sm">
          <Row label={t("orderNo")}>
            <span className="font-mono text-[0.8125rem] break-all" data-testid="order-no">
              {order.orderNo}
            </span>
          </Row>
          <Row label={t("account")}>
            <span className="font-medium">{order.target.isSelf ? viewerName : order.target.maskedName}</span>
            <span className="ml-1.5 text-slate-500 tabular-nums">{order.target.studentNo}</span>
          </Row>
          <Row label={t("channel")}>
            <span className="inline-flex items-center gap-2">
              <ChannelMark channel={order.channel} small />
              {t(`channelName.${order.channel}`)}
            </span>
          </Row>
          <Row label={t("amount")}>
            <span className="font-semibold tabular-nums">{amount}</span>
            {order.paidAmountFen !== null && order.paidAmountFen !== order.amountFen ? (
              <span className="ml-1.5 text-red-700">{t("paidAmount", { amount: f.fen(order.paidAmountFen) })}</span>
            ) : null}
          </Row>
        </dl>
      </Card>

      <Card aria-labelledby="order-timeline-title" className="px-5 py-4 sm:px-6">
        <h2 id="order-timeline-title" className="text-base font-semibold text-slate-900">
          {t("timeline.title")}
        </h2>
        <ol className="mt-4" data-testid="order-timeline">
          {orderTimeline(order, phase).map((step, i, all) => (
            <li key={`${step.key}-${i}`} className="relative flex gap-3 pb-5 last:pb-0" data-step={step.key} data-status={step.status}>
              {i < all.length - 1 ? (
                <span aria-hidden className={cn("absolute top-6 bottom-0 left-[11px] w-0.5", step.status === "done" ? "bg-brand-600" : "bg-slate-200")} />
              ) : null}
              <StepDot status={step.status} warn={step.key === "CLOSED" || step.key === "FLAGGED"} />
              <div className="min-w-0 pt-0.5">
                <p className={cn("text-[0.9375rem] font-medium", step.status === "upcoming" ? "text-slate-500" : "text-slate-900")}>
                  {t(`timeline.${step.key}`)}
                </p>
                <p className="text-xs text-slate-500 tabular-nums">
                  {step.at ? <time dateTime={step.at}>{f.dateTime(step.at)}</time> : step.status === "current" ? t("timeline.waiting") : "—"}
                </p>
              </div>
            </li>
          ))}
        </ol>
        <p className="mt-4 text-xs text-slate-500">{t("timeline.zone")}</p>
      </Card>

      <ConfirmDialog
        open={cancelOpen}
        onOpenChange={(next) => {
          if (!next) setCancelOpen(false);
        }}
        title={t("cancelConfirm.title")}
        confirmLabel={t("cancelConfirm.confirm")}
        cancelLabel={t("cancelConfirm.keep")}
        tone="danger"
        pending={cancelOrder.pending}
        error={cancelOrder.errorMessage}
        onConfirm={() => cancelOrder.execute({ orderNo: order.orderNo })}
      >
        {t("cancelConfirm.text", { amount })}
      </ConfirmDialog>
    </div>
  );
}

const heroTone: Record<OrderPhase, string> = {
  awaitingPayment: "bg-amber-50/60",
  processing: "bg-brand-50/60",
  credited: "bg-emerald-50/70",
  closed: "bg-slate-50",
  underReview: "bg-red-50/60",
};

function PhaseIcon({ phase }: { phase: OrderPhase }) {
  const box = "mx-auto flex size-14 items-center justify-center rounded-full [&_svg]:size-8";
  switch (phase) {
    case "processing":
      return (
        <span aria-hidden className={cn(box, "bg-brand-100 text-brand-700")}>
          <Spinner className="size-8" />
        </span>
      );
    case "credited":
      return (
        <span aria-hidden className={cn(box, "bg-emerald-100 text-emerald-600")}>
          <CircleCheck />
        </span>
      );
    case "awaitingPayment":
      return (
        <span aria-hidden className={cn(box, "bg-amber-100 text-amber-600")}>
          <Clock />
        </span>
      );
    case "closed":
      return (
        <span aria-hidden className={cn(box, "bg-slate-200 text-slate-500")}>
          <CircleX />
        </span>
      );
    case "underReview":
      return (
        <span aria-hidden className={cn(box, "bg-red-100 text-red-600")}>
          <ShieldAlert />
        </span>
      );
  }
}

function StepDot({ status, warn }: { status: "done" | "current" | "upcoming"; warn: boolean }) {
  return (
    <span
      aria-hidden
      className={cn(
        "relative z-10 mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full ring-4 ring-white",
        status === "done" ? (warn ? "bg-slate-400" : "bg-brand-600") : status === "current" ? (warn ? "bg-red-500" : "bg-brand-100") : "bg-slate-200",
      )}
    >
      {status === "done" ? (
        <span className="size-2 rounded-full bg-white" />
      ) : status === "current" ? (
        <span className={cn("size-2 animate-pulse rounded-full", warn ? "bg-white" : "bg-brand-600")} />
      ) : null}
    </span>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2.5">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-right text-slate-900">{children}</dd>
    </div>
  );
}
