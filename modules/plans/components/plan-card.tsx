"use client";

import { CalendarClock } from "@/components/icons/lucide/calendar-clock";
import { CircleAlert } from "@/components/icons/lucide/circle-alert";
import { CircleCheck } from "@/components/icons/lucide/circle-check";
import { Repeat } from "@/components/icons/lucide/repeat";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useSafeAction } from "@/lib/use-safe-action";
import { cancelPlanAction, confirmPlanAction } from "@/modules/plans/actions";
import type { PlanCardView, PlanRunView } from "./plan-view";

/**
 * 预约套餐: the live plan (下月生效 or 每月自动续订) with its next booking, whether the balance
 * covers it, and Cancel; then the results of past bookings.
 */
export function PlanCard({ view }: { view: PlanCardView }) {
  const t = useTranslations("plans.card");
  const ts = useTranslations("plans.schedule");
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const cancel = useSafeAction(cancelPlanAction, {
    messages: { invalid: ts("validation"), network: ts("network") },
    onSuccess: () => {
      setConfirming(false);
      setCancelled(true);
      startRefresh(() => router.refresh());
    },
    onFailure: () => startRefresh(() => router.refresh()),
  });
  const [confirmedName, setConfirmedName] = useState<string | null>(null);
  const confirm = useSafeAction(confirmPlanAction, {
    messages: { invalid: ts("validation"), network: ts("network") },
    onSuccess: () => {
      setConfirmedName(view.plan?.changed?.to?.name ?? null);
      startRefresh(() => router.refresh());
    },
    onFailure: () => startRefresh(() => router.refresh()),
  });
  const plan = view.plan;
  const changed = plan?.changed ?? null;

  return (
    <Card aria-labelledby="plan-card-title" className="p-5" data-testid="plan-card">
      <h2 id="plan-card-title" className="flex items-center gap-1.5 text-sm font-medium text-slate-500">
        <CalendarClock aria-hidden className="size-4" />
        {t("title")}
      </h2>

      {cancelled && !plan ? (
        <Alert tone="success" className="mt-3">
          {t("cancelled")}
        </Alert>
      ) : null}

      {plan ? (
        <div className="mt-2" data-testid="plan-live" data-plan-kind={plan.kind}>
          <div className="flex flex-wrap items-center gap-2">
            <p className="text-[0.9375rem] font-semibold text-slate-900">{plan.name}</p>
            <Badge tone={plan.kind === "AUTO_RENEW" ? "blue" : "gray"} data-testid="plan-kind">
              {plan.kind === "AUTO_RENEW" ? <Repeat aria-hidden className="size-3.5" /> : null}
              {t(`kind.${plan.kind}`)}
            </Badge>
          </div>
          <p className="mt-0.5 text-sm text-slate-600 tabular-nums">{t("price", { price: plan.priceText })}</p>
          {confirmedName && !changed ? (
            <Alert tone="success" className="mt-3">
              {t("changed.confirmed", { name: confirmedName })}
            </Alert>
          ) : null}
          {changed ? (
            <Alert
              tone={changed.booksAutomatically ? "info" : "warning"}
              className="mt-3"
              title={t("changed.title")}
              action={
                changed.to && !changed.booksAutomatically ? (
                  <Button
                    size="sm"
                    disabled={confirm.pending}
                    onClick={() => {
                      confirm.setErrorMessage(null);
                      if (!confirm.pending && changed.to) confirm.execute({ planId: plan.id, packageId: changed.to.packageId });
                    }}
                    data-testid="plan-confirm"
                  >
                    {confirm.pending ? t("changed.confirming") : t("changed.confirm", { name: changed.to.name, price: changed.to.priceText })}
                  </Button>
                ) : undefined
              }
            >
              <span data-testid="plan-changed" data-books={changed.booksAutomatically} data-off-sale={changed.to === null}>
                {changed.to
                  ? t(changed.booksAutomatically ? "changed.moved" : "changed.raised", {
                      old: plan.name,
                      oldPrice: plan.priceText,
                      name: changed.to.name,
                      price: changed.to.priceText,
                    })
                  : t("changed.offSale", { old: plan.name })}
              </span>
              {confirm.errorMessage ? (
                <span role="alert" className="mt-1 block text-red-700">
                  {confirm.errorMessage}
                </span>
              ) : null}
            </Alert>
          ) : null}
          <p className="mt-2 text-sm text-slate-800" data-testid="plan-next">
            {plan.waiting
              ? t("waiting", { month: plan.nextMonthText })
              : t(plan.kind === "AUTO_RENEW" ? "nextBookingAuto" : "nextBooking", { date: plan.nextDateText, month: plan.nextMonthText })}
          </p>
          <p
            className={`mt-2 flex items-start gap-1.5 text-sm ${view.sufficient ? "text-emerald-800" : "text-amber-800"}`}
            data-testid="plan-balance"
            data-sufficient={view.sufficient}
          >
            {view.sufficient ? <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0" /> : <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />}
            <span>
              {view.sufficient
                ? t("sufficient", { balance: view.balanceText })
                : t("short", { balance: view.balanceText, shortfall: view.shortfallText, date: plan.nextDateText })}
              {view.sufficient ? null : (
                <>
                  {" "}
                  <Link href="/recharge" className="font-semibold whitespace-nowrap underline underline-offset-2">
                    {t("recharge")}
                  </Link>
                </>
              )}
            </span>
          </p>
          <div className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3">
            <p className="text-xs text-slate-500">{t("changeHint")}</p>
            {plan.cancellable ? (
              <Button
                size="sm"
                variant="secondary"
                onClick={() => {
                  cancel.setErrorMessage(null);
                  setConfirming(true);
                }}
                data-testid="plan-cancel"
              >
                {t("cancel")}
              </Button>
            ) : null}
          </div>
          <ConfirmDialog
            open={confirming}
            onOpenChange={(next) => {
              if (!next) setConfirming(false);
            }}
            title={t("cancelTitle")}
            confirmLabel={t("cancelConfirm")}
            cancelLabel={t("cancelKeep")}
            tone="danger"
            pending={cancel.pending}
            pendingLabel={t("cancelling")}
            error={cancel.errorMessage}
            onConfirm={() => {
              if (!cancel.pending) cancel.execute({ planId: plan.id });
            }}
          >
            <p className="text-[0.9375rem] text-slate-700">
              {plan.kind === "AUTO_RENEW"
                ? t("cancelTextAuto", { name: plan.name, month: plan.nextMonthText })
                : t("cancelTextNextMonth", { name: plan.name, date: plan.nextDateText })}
            </p>
          </ConfirmDialog>
        </div>
      ) : cancelled ? null : (
        <p className="mt-2 text-sm text-slate-600" data-testid="plan-empty">
          {t("empty")}
        </p>
      )}

      {view.runs.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("runsTitle")}</h3>
          <ul className="mt-1.5 divide-y divide-slate-100" data-testid="plan-runs">
            {view.runs.map((r) => (
              <RunRow key={r.id} run={r} />
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

const KNOWN_REASONS = new Set(["PACKAGE_UNAVAILABLE", "ACCOUNT_NOT_ACTIVE", "MONTH_PASSED", "package_changed"]);

function RunRow({ run }: { run: PlanRunView }) {
  const t = useTranslations("plans.card");
  const booked = run.outcome === "BOOKED";
  const reason = run.reason && KNOWN_REASONS.has(run.reason) ? run.reason : "other";
  return (
    <li className="flex items-center justify-between gap-3 py-2 text-sm" data-testid="plan-run" data-outcome={run.outcome}>
      <span className="min-w-0">
        <span className="font-medium text-slate-900">{run.monthText}</span>
        <span className="text-slate-500"> · {run.name}</span>
      </span>
      <Badge tone={booked ? "green" : "red"} className="shrink-0">
        {run.outcome === "BOOKED"
          ? t("run.BOOKED", { price: run.priceText })
          : run.outcome === "BALANCE_SHORT"
            ? t("run.BALANCE_SHORT", { shortfall: run.shortfallText ?? "—" })
            : t("run.FAILED", { reason: t(`reason.${reason as "PACKAGE_UNAVAILABLE" | "ACCOUNT_NOT_ACTIVE" | "MONTH_PASSED" | "package_changed" | "other"}`) })}
      </Badge>
    </li>
  );
}
