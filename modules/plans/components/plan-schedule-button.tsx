"use client";

import { CalendarClock } from "@/components/icons/lucide/calendar-clock";
import { CircleAlert } from "@/components/icons/lucide/circle-alert";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { useOnline } from "@/components/offline/use-online";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useSafeAction } from "@/lib/use-safe-action";
import { schedulePlanAction } from "@/modules/plans/actions";
import type { PlanOfferView } from "./plan-view";

export type PlanScheduleItem = { id: string; code: string; name: string; priceText: string; sufficient: boolean; shortfallText: string };

/**
 * 下月生效 on a package card: a confirmation that says when and how much will be taken, with a
 * 每月自动续订 switch. Nothing is taken now; the month-start job books it (modules/plans).
 */
export function PlanScheduleButton({ item, offer }: { item: PlanScheduleItem; offer: PlanOfferView }) {
  const t = useTranslations("plans.schedule");
  const tc = useTranslations("plans.card");
  const tOffline = useTranslations("offline.needsNetwork");
  // Offline the catalogue says why above the cards (联网后才能换购或预约流量包).
  const online = useOnline();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [open, setOpen] = useState(false);
  const [autoRenew, setAutoRenew] = useState(false);
  const switchId = useId();
  const hintId = useId();
  const schedule = useSafeAction(schedulePlanAction, {
    messages: { invalid: t("validation"), network: t("network") },
    onSuccess: () => {
      setOpen(false);
      // the plan card at the top of the page now shows it (this button goes: one plan at a time)
      document.getElementById("plan-card")?.scrollIntoView({ block: "start", behavior: "smooth" });
      startRefresh(() => router.refresh());
    },
    onFailure: () => startRefresh(() => router.refresh()),
  });

  if (offer.blockedReason) return null;
  const values = { date: offer.dateText, price: item.priceText, name: item.name };

  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        className="mt-2 w-full text-brand-800"
        data-testid={`plan-schedule-${item.code}`}
        disabled={!online}
        onClick={() => {
          if (schedule.pending) return;
          schedule.setErrorMessage(null);
          setAutoRenew(false);
          setOpen(true);
        }}
      >
        <CalendarClock aria-hidden />
        {t("button")}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          if (!next) setOpen(false);
        }}
        title={t("title")}
        confirmLabel={autoRenew ? t("confirmAuto") : t("confirm")}
        pending={schedule.pending}
        pendingLabel={t("pending")}
        confirmDisabled={!online}
        error={online ? schedule.errorMessage : tOffline("exchange")}
        onConfirm={() => {
          if (!schedule.pending && online) schedule.execute({ packageId: item.id, kind: autoRenew ? "AUTO_RENEW" : "NEXT_MONTH" });
        }}
        extra={
          <div className="mt-4 flex items-start justify-between gap-3 rounded-xl bg-slate-50 px-3.5 py-3 ring-1 ring-slate-900/5 ring-inset">
            <span>
              <label htmlFor={switchId} className="text-[0.9375rem] font-medium text-slate-900">
                {t("autoRenew")}
              </label>
              <span id={hintId} className="mt-0.5 block text-xs text-slate-500">
                {t("autoRenewHint")}
              </span>
            </span>
            <button
              id={switchId}
              type="button"
              role="switch"
              aria-checked={autoRenew}
              aria-describedby={hintId}
              disabled={schedule.pending}
              onClick={() => setAutoRenew((v) => !v)}
              data-testid="plan-auto-renew"
              className={`relative mt-0.5 inline-flex h-7 w-12 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 ${autoRenew ? "bg-brand-700" : "bg-slate-300"}`}
            >
              <span
                aria-hidden
                className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${autoRenew ? "translate-x-6" : "translate-x-1"}`}
              />
            </button>
          </div>
        }
      >
        <div className="mt-1 space-y-3 text-[0.9375rem] text-slate-700">
          <div className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-900/5 ring-inset">
            <p className="text-sm text-slate-500">{t("package")}</p>
            <p className="mt-0.5 font-semibold text-slate-900">
              {item.name} · <span className="tabular-nums">{item.priceText}</span>
            </p>
          </div>
          <p data-testid="plan-dialog-when">{autoRenew ? t("whenAuto", values) : t("whenNextMonth", values)}</p>
          <p className="text-sm text-slate-500">{autoRenew ? t("nothingNowAuto") : t("nothingNow")}</p>
          <p className="text-sm text-slate-500">{t("stillActive")}</p>
          {item.sufficient ? null : (
            <p className="flex gap-2 rounded-xl bg-amber-50 px-3.5 py-3 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset">
              <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
              <span>
                {t("balanceNow", { balance: offer.balanceText, shortfall: item.shortfallText, date: offer.dateText })}{" "}
                <Link href="/recharge" className="font-semibold underline underline-offset-2">
                  {tc("recharge")}
                </Link>
              </span>
            </p>
          )}
        </div>
      </ConfirmDialog>
    </>
  );
}
