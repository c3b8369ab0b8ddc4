// View models for the plan card and the schedule button: bigint/Date in, display strings out,
// built on the server so client components get plain strings. No server-only imports.
import { formatDate, formatMonth } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { monthStart } from "@/lib/time";
import { localizedName } from "@/modules/quota/components/quota-view";
import type { PlanKind, PlanOverview, PlanRunOutcome } from "@/modules/plans/service";

export interface PlanRunView {
  id: string;
  monthText: string;
  name: string;
  priceText: string;
  outcome: PlanRunOutcome;
  /** BALANCE_SHORT: how much was missing */
  shortfallText: string | null;
  /** FAILED: the error code (PACKAGE_UNAVAILABLE, ACCOUNT_NOT_ACTIVE, MONTH_PASSED …) */
  reason: string | null;
}

export interface PlanCardView {
  plan: {
    id: string;
    kind: PlanKind;
    name: string;
    priceText: string;
    firstMonthText: string;
    nextMonthText: string;
    /** the day the money is taken: the 1st of nextMonth, 00:00 Shanghai */
    nextDateText: string;
    waiting: boolean;
    cancellable: boolean;
    /** the package changed since the plan was made (decision 031); null: unchanged */
    changed: {
      /** what is on sale now; null: nothing of that family is on sale */
      to: { packageId: string; name: string; priceText: string } | null;
      /** it costs no more: the month-start job books it without asking */
      booksAutomatically: boolean;
    } | null;
  } | null;
  balanceText: string;
  sufficient: boolean;
  shortfallText: string;
  runs: PlanRunView[];
}

export function toPlanCardView(o: PlanOverview, locale: string): PlanCardView {
  const p = o.plan;
  return {
    plan: p
      ? {
          id: p.id,
          kind: p.kind,
          name: localizedName(p, locale),
          priceText: formatFen(p.priceFen, locale),
          firstMonthText: formatMonth(p.firstMonth, locale),
          nextMonthText: formatMonth(p.nextMonth, locale),
          nextDateText: formatDate(p.nextAt, locale),
          waiting: p.waiting,
          cancellable: p.cancellable,
          changed: p.changed
            ? {
                to: p.changed.to
                  ? { packageId: p.changed.to.packageId, name: localizedName(p.changed.to, locale), priceText: formatFen(p.changed.to.priceFen, locale) }
                  : null,
                booksAutomatically: p.changed.booksAutomatically,
              }
            : null,
        }
      : null,
    balanceText: formatFen(o.balanceFen, locale),
    sufficient: o.sufficient,
    shortfallText: formatFen(p && !o.sufficient ? o.dueFen - o.balanceFen : 0n, locale),
    runs: o.runs.map((r) => ({
      id: r.id,
      monthText: formatMonth(r.month, locale),
      name: localizedName(r, locale),
      priceText: formatFen(r.priceFen, locale),
      outcome: r.outcome,
      shortfallText: r.shortfallFen !== null ? formatFen(r.shortfallFen, locale) : null,
      reason: r.outcome === "FAILED" ? r.reason : null,
    })),
  };
}

/** What the 下月生效 button on a package card needs: the month a new plan starts, or why none can be made. */
export interface PlanOfferView {
  monthText: string;
  dateText: string;
  balanceText: string;
  /** null: a plan can be scheduled */
  blockedReason: string | null;
}

export function toPlanOfferView(nextMonth: string, balanceFen: bigint, locale: string, blockedReason: string | null): PlanOfferView {
  return {
    monthText: formatMonth(nextMonth, locale),
    dateText: formatDate(monthStart(nextMonth), locale),
    balanceText: formatFen(balanceFen, locale),
    blockedReason,
  };
}
