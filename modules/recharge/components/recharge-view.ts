// Pure helpers of the recharge UI: amount checks as the student types, the order as it
// crosses the wire (fen and dates as strings), polling intervals and the state timeline.
// No React and no database, so both the pages and the unit tests import it.
import { type MoneyParseErrorCode, yuanSchema } from "@/lib/money";
import type { OrderDisplayState } from "@/modules/recharge/shared";
import type { OrderStatusView } from "@/modules/recharge/records.service";

/** 10 / 20 / 50 / 100 / 200 as big buttons; ¥5 is typed by hand (../shared/seeds/002_ee132aae94fa0b1d.txt). */
export const RECHARGE_PRESETS_YUAN = [10, 20, 50, 100, 200] as const;

export interface AmountPolicyFen {
  minFen: bigint;
  maxFen: bigint;
}

/** The presets the policy allows (a campus may lower the per-order maximum). */
export function presetsWithin(policy: AmountPolicyFen): number[] {
  return RECHARGE_PRESETS_YUAN.filter((y) => {
    const fen = BigInt(y) * 100n;
    return fen >= policy.minFen && fen <= policy.maxFen;
  });
}

export type AmountIssue =
  { kind: "money"; code: Exclude<MoneyParseErrorCode, "TOO_LARGE"> } | { kind: "tooSmall"; minFen: bigint } | { kind: "tooLarge"; maxFen: bigint };

export type AmountCheck = { ok: true; fen: bigint } | { ok: false; issue: AmountIssue };

/** A typed yuan amount (the actions' yuanSchema) against the policy, with a reason the UI can translate. */
export function checkTypedAmount(text: string, policy: AmountPolicyFen): AmountCheck {
  const parsed = yuanSchema.safeParse(text);
  if (!parsed.success) {
    const code = (parsed.error.issues[0]?.message ?? "INVALID_FORMAT") as MoneyParseErrorCode;
    if (code === "TOO_LARGE") return { ok: false, issue: { kind: "tooLarge", maxFen: policy.maxFen } };
    return { ok: false, issue: { kind: "money", code } };
  }
  const fen = parsed.data;
  if (fen < policy.minFen) return { ok: false, issue: { kind: "tooSmall", minFen: policy.minFen } };
  if (fen > policy.maxFen) return { ok: false, issue: { kind: "tooLarge", maxFen: policy.maxFen } };
  return { ok: true, fen };
}

/** Fen → the yuan text an action takes ("2000" → "20", "1234" → "12.34"). */
export function fenToAmountYuan(fen: bigint): string {
  const yuan = fen / 100n;
  const cents = fen % 100n;
  return cents === 0n ? yuan.toString() : `${yuan}.${cents.toString().padStart(2, "0")}`;
}

// ───────────────────────── the order page ─────────────────────────

type Channel = OrderStatusView["channel"];
type State = OrderStatusView["state"];

/** OrderStatusView as JSON (GET /api/payments/orders/<orderNo>): fen and dates as strings. */
export interface OrderStatusDto {
  orderNo: string;
  channel: Channel;
  amountFen: string;
  paidAmountFen: string | null;
  state: State;
  displayState: OrderDisplayState;
  paidAfterClose: boolean;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  creditedAt: string | null;
  closedAt: string | null;
  target: { studentNo: string; maskedName: string; isSelf: boolean };
  balanceFen: string | null;
  events: { toState: State; at: string }[];
  checkedGateway?: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The server component's first value, in the same shape the polling route returns. */
export function toOrderStatusDto(v: OrderStatusView): OrderStatusDto {
  return {
    orderNo: v.orderNo,
    channel: v.channel,
    amountFen: v.amountFen.toString(),
    paidAmountFen: v.paidAmountFen?.toString() ?? null,
    state: v.state,
    displayState: v.displayState,
    paidAfterClose: v.paidAfterClose,
    createdAt: v.createdAt.toISOString(),
    expiresAt: v.expiresAt.toISOString(),
    paidAt: iso(v.paidAt),
    creditedAt: iso(v.creditedAt),
    closedAt: iso(v.closedAt),
    target: v.target,
    balanceFen: v.balanceFen?.toString() ?? null,
    events: v.events.map((e) => ({ toState: e.toState, at: e.at.toISOString() })),
  };
}

const FINAL: ReadonlySet<OrderDisplayState> = new Set(["CREDITED", "CLOSED", "UNDER_REVIEW"]);

/** Nothing more will happen by itself: stop polling. */
export function isFinalDisplayState(s: OrderDisplayState): boolean {
  return FINAL.has(s);
}

/** Every 2 s for the first minute, then every 5 s, then every 15 s after five minutes. */
export function pollIntervalMs(elapsedMs: number): number {
  if (elapsedMs < 60_000) return 2_000;
  if (elapsedMs < 5 * 60_000) return 5_000;
  return 15_000;
}

export type OrderPhase = "awaitingPayment" | "processing" | "credited" | "closed" | "underReview";

/**
 * What the page says. Back from the gateway (`?returned=1`) an unpaid-looking order is
 * "processing": the payment may be done while its notification is still on the way.
 */
export function orderPhase(displayState: OrderDisplayState, returned: boolean): OrderPhase {
  switch (displayState) {
    case "AWAITING_PAYMENT":
      return returned ? "processing" : "awaitingPayment";
    case "PROCESSING":
      return "processing";
    case "CREDITED":
      return "credited";
    case "CLOSED":
      return "closed";
    case "UNDER_REVIEW":
      return "underReview";
  }
}

export type TimelineKey = "CREATED" | "PAID" | "CREDITED" | "CLOSED" | "FLAGGED";
export interface TimelineStep {
  key: TimelineKey;
  at: string | null;
  status: "done" | "current" | "upcoming";
}

function lastEventAt(o: Pick<OrderStatusDto, "events">, state: State): string | null {
  for (let i = o.events.length - 1; i >= 0; i--) if (o.events[i]!.toState === state) return o.events[i]!.at;
  return null;
}

/** created → paid → credited, with "closed" and "under review" where they happened. */
export function orderTimeline(o: OrderStatusDto, phase: OrderPhase): TimelineStep[] {
  const steps: TimelineStep[] = [{ key: "CREATED", at: o.createdAt, status: "done" }];
  const closedAt = o.closedAt ?? lastEventAt(o, "CLOSED");
  if (o.state === "CLOSED" || (phase === "closed" && !o.paidAt)) {
    steps.push({ key: "CLOSED", at: closedAt, status: "done" });
    return steps;
  }
  if (o.paidAfterClose && closedAt) steps.push({ key: "CLOSED", at: closedAt, status: "done" });
  const paidAt = o.paidAt ?? lastEventAt(o, "PAID");
  steps.push({ key: "PAID", at: paidAt, status: paidAt ? "done" : "current" });
  if (o.state === "FLAGGED") {
    steps.push({ key: "FLAGGED", at: lastEventAt(o, "FLAGGED"), status: "current" });
    return steps;
  }
  const creditedAt = o.creditedAt ?? lastEventAt(o, "CREDITED");
  steps.push({ key: "CREDITED", at: creditedAt, status: creditedAt ? "done" : paidAt ? "current" : "upcoming" });
  return steps;
}
