"use client";

import { CalendarDays } from "@/components/icons/lucide/calendar-days";
import { Gauge } from "@/components/icons/lucide/gauge";
import { Lock } from "@/components/icons/lucide/lock";
import { Sparkles } from "@/components/icons/lucide/sparkles";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useOnline } from "@/components/offline/use-online";
import { formatFen } from "@/lib/money";
import { useSafeAction } from "@/lib/use-safe-action";
import { exchangePackageAction } from "@/modules/packages/actions";
import { PlanScheduleButton } from "@/modules/plans/components/plan-schedule-button";
import type { PlanOfferView } from "@/modules/plans/components/plan-view";
import { ExchangeDialog } from "./exchange-dialog";
import { type CatalogueItemView, chargedItem, newRequestKey } from "./exchange-view";

export type PackageCatalogueProps = {
  items: CatalogueItemView[];
  balanceText: string;
  /** why nothing can be bought right now (a live package, a suspended account), or null */
  blockedReason: string | null;
  /** 下月生效 / 自动续订 (modules/plans): offered on each card while no plan is live */
  planOffer?: PlanOfferView;
};

type Success = { name: string; quotaText: string; balanceText: string };

// Errors after which the page is out of date (someone else's tab bought, the offer ended…).
const STALE_CODES = new Set([
  "PACKAGE_STILL_ACTIVE",
  "PACKAGE_UNAVAILABLE",
  "INSUFFICIENT_BALANCE",
  "ACCOUNT_NOT_ACTIVE",
  "OFFER_UNAVAILABLE",
  "OFFER_LIMIT_REACHED",
  "OFFER_NOT_ELIGIBLE",
]);

/**
 * The catalogue with the exchange flow: 换购 → confirmation (price, balance before and after)
 * → one idempotent action call per confirmation → success notice and a refreshed page.
 */
export function PackageCatalogue({ items, balanceText, blockedReason: serverBlockedReason, planOffer }: PackageCatalogueProps) {
  const t = useTranslations("packages");
  const tOffline = useTranslations("offline.needsNetwork");
  // Offline nothing can be bought either: the cards say so instead of failing after the tap.
  const online = useOnline();
  const blockedReason = serverBlockedReason ?? (online ? null : tOffline("exchange"));
  const locale = useLocale();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  // The item as it was when the dialog opened; the live version (same id) wins after a refresh,
  // so price and "balance after" always match the balance shown beside them.
  const [opened, setOpened] = useState<CatalogueItemView | null>(null);
  const live = opened ? (items.find((item) => item.id === opened.id) ?? opened) : null;
  // the dialog shows (and the exchange charges) the offer's price when one applies
  const selected = live ? chargedItem(live) : null;
  const [open, setOpen] = useState(false);
  const [success, setSuccess] = useState<Success | null>(null);
  // One key per opened confirmation: a double click or a retry after a network error books once.
  const requestKey = useRef<string>("");
  const successRef = useRef<HTMLDivElement>(null);
  const blockedId = useId();

  useEffect(() => {
    if (!success) return;
    successRef.current?.focus();
    successRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [success]);

  const exchange = useSafeAction(exchangePackageAction, {
    messages: { invalid: t("dialog.validation"), network: t("dialog.network") },
    onSuccess: (data, input) => {
      const item = items.find((i) => i.id === input.packageId) ?? selected;
      setOpen(false);
      if (item) setSuccess({ name: item.name, quotaText: item.quotaText, balanceText: formatFen(data.balanceAfterFen, locale) });
      startRefresh(() => router.refresh());
    },
    onFailure: (_message, failure) => {
      if (failure && STALE_CODES.has(failure.code)) startRefresh(() => router.refresh());
    },
  });

  const openFor = (item: CatalogueItemView) => {
    if (blockedReason || exchange.pending) return;
    requestKey.current = newRequestKey();
    setOpened(item);
    exchange.setErrorMessage(null);
    setSuccess(null);
    setOpen(true);
  };

  const confirm = () => {
    const item = selected;
    if (!item || !item.sufficient || blockedReason || exchange.pending) return;
    exchange.execute({ packageId: item.id, requestKey: requestKey.current, ...(item.offer ? { offerId: item.offer.id } : {}) });
  };

  return (
    <div>
      {success ? (
        <div ref={successRef} tabIndex={-1} className="mb-4 scroll-mt-24 rounded-xl focus:outline-none" data-testid="exchange-success">
          <Alert
            tone="success"
            title={t("success.title")}
            action={
              <Button size="sm" variant="secondary" onClick={() => setSuccess(null)}>
                {t("success.dismiss")}
              </Button>
            }
          >
            {t("success.text", { name: success.name, quota: success.quotaText, balance: success.balanceText })}
          </Alert>
        </div>
      ) : null}

      {blockedReason ? (
        <p id={blockedId} className="mb-3 flex items-start gap-2 rounded-xl bg-slate-100 px-3.5 py-2.5 text-sm text-slate-700">
          <Lock aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500" />
          {blockedReason}
        </p>
      ) : null}

      <ul className="grid gap-3 sm:grid-cols-2">
        {items.map((item) => (
          <li key={item.id} className="flex flex-col [&>article]:h-auto [&>article]:flex-1">
            <PackageCard item={item} blocked={Boolean(blockedReason)} blockedId={blockedId} onBuy={() => openFor(item)} />
            {planOffer ? <PlanScheduleButton item={item} offer={planOffer} /> : null}
          </li>
        ))}
      </ul>

      <ExchangeDialog
        open={open}
        onOpenChange={(next) => {
          if (!next) setOpen(false);
        }}
        item={selected}
        balanceText={balanceText}
        pending={exchange.pending}
        blocked={Boolean(blockedReason)}
        error={exchange.errorMessage}
        onConfirm={confirm}
      />
    </div>
  );
}

function PackageCard({ item: listed, blocked, blockedId, onBuy }: { item: CatalogueItemView; blocked: boolean; blockedId: string; onBuy: () => void }) {
  const t = useTranslations("packages.card");
  const item = chargedItem(listed);
  const offer = listed.offer;
  const tr = useTranslations("recharge.entry");
  const titleId = useId();
  const noteId = useId();
  return (
    <article
      data-testid={`package-${item.code}`}
      aria-labelledby={titleId}
      className={cn(
        "flex h-full flex-col rounded-2xl p-4 shadow-card ring-1 sm:p-5",
        item.special || offer ? "bg-gradient-to-br from-amber-50 to-white ring-amber-400/60" : "bg-white ring-slate-900/5",
      )}
    >
      {offer ? (
        <div className="mb-3 flex flex-wrap items-center gap-2" data-testid={`offer-${item.code}`}>
          <Badge tone="amber" className="font-semibold">
            <Sparkles aria-hidden className="size-3.5" />
            {t("offer")}
          </Badge>
          <span className="inline-flex items-center gap-1 text-xs font-medium text-amber-800">
            <CalendarDays aria-hidden className="size-3.5" />
            {t("offerUntil", { date: offer.untilText, remaining: offer.remaining })}
          </span>
        </div>
      ) : item.special ? (
        <div className="mb-3 flex flex-wrap items-center gap-2">
          <Badge tone="amber" className="font-semibold">
            <Sparkles aria-hidden className="size-3.5" />
            {t("special")}
          </Badge>
          {item.availableUntilText ? (
            <span className="inline-flex items-center gap-1 text-xs font-medium text-amber-800">
              <CalendarDays aria-hidden className="size-3.5" />
              {t("availableUntil", { date: item.availableUntilText })}
            </span>
          ) : null}
        </div>
      ) : null}
      <h3 id={titleId} className="text-[0.9375rem] font-semibold text-slate-900">
        {item.name}
      </h3>
      <p className="mt-1 flex items-baseline gap-1.5">
        <span className="text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{item.quotaText}</span>
        <span className="text-sm text-slate-500">{t("highSpeed")}</span>
      </p>
      <ul className="mt-1.5 flex flex-wrap gap-x-3 gap-y-1 text-[0.8125rem] text-slate-600">
        <li className="flex items-center gap-1">
          <CalendarDays aria-hidden className="size-3.5 text-slate-400" />
          {t("validity", { months: item.validityMonths })}
        </li>
        <li className="flex items-center gap-1">
          <Gauge aria-hidden className="size-3.5 text-slate-400" />
          {t("afterQuota")}
        </li>
      </ul>
      <div aria-hidden className="min-h-3 flex-1" />
      <div className="flex items-center justify-between gap-3 border-t border-slate-100 pt-3">
        <p className="flex items-baseline gap-2">
          <span className="text-2xl font-semibold tracking-tight text-brand-800 tabular-nums">{item.priceText}</span>
          {offer ? (
            <span className="text-sm text-slate-600 tabular-nums">
              <span className="sr-only">{t("listPrice")}</span>
              <s>{listed.priceText}</s>
            </span>
          ) : null}
        </p>
        <Button onClick={onBuy} disabled={blocked} aria-describedby={blocked ? blockedId : !item.sufficient ? noteId : undefined} className="min-w-24">
          {t("buy")}
        </Button>
      </div>
      {!blocked && !item.sufficient ? (
        <p id={noteId} className="mt-2 text-right text-xs font-medium text-amber-700">
          {t("insufficient")}
          <span aria-hidden>{" · "}</span>
          <Link href="/recharge" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
            {tr("goRecharge")}
          </Link>
        </p>
      ) : null}
    </article>
  );
}
