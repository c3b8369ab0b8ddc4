import { describe, expect, it } from "vitest";
import {
  checkTypedAmount,
  fenToAmountYuan,
  isFinalDisplayState,
  type OrderStatusDto,
  orderPhase,
  orderTimeline,
  pollIntervalMs,
  presetsWithin,
} from "./recharge-view";

const policy = { minFen: 500n, maxFen: 50_000n };

describe("checkTypedAmount", () => {
  it("accepts whole and two-decimal amounts within the policy", () => {
    expect(checkTypedAmount("5", policy)).toEqual({ ok: true, fen: 500n });
    expect(checkTypedAmount("12.34", policy)).toEqual({ ok: true, fen: 1234n });
    expect(checkTypedAmount(" ５００ ", policy)).toEqual({ ok: true, fen: 50_000n });
  });

  it("names the problem", () => {
    expect(checkTypedAmount("", policy)).toEqual({ ok: false, issue: { kind: "money", code: "EMPTY" } });
    expect(checkTypedAmount("abc", policy)).toEqual({ ok: false, issue: { kind: "money", code: "INVALID_FORMAT" } });
    expect(checkTypedAmount("-5", policy)).toEqual({ ok: false, issue: { kind: "money", code: "NEGATIVE" } });
    expect(checkTypedAmount("5.001", policy)).toEqual({ ok: false, issue: { kind: "money", code: "TOO_MANY_DECIMALS" } });
    expect(checkTypedAmount("4.99", policy)).toEqual({ ok: false, issue: { kind: "tooSmall", minFen: 500n } });
    expect(checkTypedAmount("0", policy)).toEqual({ ok: false, issue: { kind: "tooSmall", minFen: 500n } });
    expect(checkTypedAmount("500.01", policy)).toEqual({ ok: false, issue: { kind: "tooLarge", maxFen: 50_000n } });
    expect(checkTypedAmount("9999999999999", policy)).toEqual({ ok: false, issue: { kind: "tooLarge", maxFen: 50_000n } });
  });
});

describe("presets and amounts", () => {
  it("offers only the presets the policy allows", () => {
    expect(presetsWithin(policy)).toEqual([10, 20, 50, 100, 200]);
    expect(presetsWithin({ minFen: 500n, maxFen: 10_000n })).toEqual([10, 20, 50, 100]);
  });

  it("turns fen into the yuan text the action takes", () => {
    expect(fenToAmountYuan(2000n)).toBe("20");
    expect(fenToAmountYuan(1234n)).toBe("12.34");
    expect(fenToAmountYuan(505n)).toBe("5.05");
  });
});

describe("polling", () => {
  it("stops on final states", () => {
    expect(isFinalDisplayState("CREDITED")).toBe(true);
    expect(isFinalDisplayState("CLOSED")).toBe(true);
    expect(isFinalDisplayState("UNDER_REVIEW")).toBe(true);
    expect(isFinalDisplayState("PROCESSING")).toBe(false);
    expect(isFinalDisplayState("AWAITING_PAYMENT")).toBe(false);
  });

  it("backs off after a minute", () => {
    expect(pollIntervalMs(0)).toBe(2000);
    expect(pollIntervalMs(59_999)).toBe(2000);
    expect(pollIntervalMs(60_000)).toBe(5000);
    expect(pollIntervalMs(10 * 60_000)).toBe(15_000);
  });

  it("says processing when back from the gateway before the notification", () => {
    expect(orderPhase("AWAITING_PAYMENT", true)).toBe("processing");
    expect(orderPhase("AWAITING_PAYMENT", false)).toBe("awaitingPayment");
    expect(orderPhase("PROCESSING", false)).toBe("processing");
    expect(orderPhase("CREDITED", true)).toBe("credited");
  });
});

const base: OrderStatusDto = {
  orderNo: "R20261201083000ABCDEF",
  channel: "SANDBOX",
  amountFen: "2000",
  paidAmountFen: null,
  state: "CREATED",
  displayState: "AWAITING_PAYMENT",
  paidAfterClose: false,
  createdAt: "2026-12-01T00:30:00.000Z",
  expiresAt: "2026-12-01T00:45:00.000Z",
  paidAt: null,
  creditedAt: null,
  closedAt: null,
  target: { studentNo: "2023010001", maskedName: "张*", isSelf: true },
  balanceFen: "10000",
  events: [{ toState: "CREATED", at: "2026-12-01T00:30:00.000Z" }],
};

const keys = (o: OrderStatusDto, phase = orderPhase(o.displayState, false)) => orderTimeline(o, phase).map((s) => `${s.key}:${s.status}`);

describe("orderTimeline", () => {
  it("waits for the payment", () => {
    expect(keys(base)).toEqual(["CREATED:done", "PAID:current", "CREDITED:upcoming"]);
  });

  it("shows paid and credited with their times", () => {
    const o: OrderStatusDto = {
      ...base,
      state: "CREDITED",
      displayState: "CREDITED",
      paidAt: "2026-12-01T00:31:00.000Z",
      creditedAt: "2026-12-01T00:31:01.000Z",
    };
    expect(keys(o)).toEqual(["CREATED:done", "PAID:done", "CREDITED:done"]);
    expect(orderTimeline(o, "credited")[2]!.at).toBe("2026-12-01T00:31:01.000Z");
  });

  it("ends at closed for an unpaid order, and shows it before a late payment", () => {
    const closed: OrderStatusDto = { ...base, state: "CLOSED", displayState: "CLOSED", closedAt: "2026-12-01T00:45:00.000Z" };
    expect(keys(closed)).toEqual(["CREATED:done", "CLOSED:done"]);
    const expired: OrderStatusDto = { ...base, displayState: "CLOSED" };
    expect(keys(expired)).toEqual(["CREATED:done", "CLOSED:done"]);
    const late: OrderStatusDto = {
      ...closed,
      state: "CREDITED",
      displayState: "CREDITED",
      paidAfterClose: true,
      paidAt: "2026-12-01T00:50:00.000Z",
      creditedAt: "2026-12-01T00:50:00.000Z",
    };
    expect(keys(late)).toEqual(["CREATED:done", "CLOSED:done", "PAID:done", "CREDITED:done"]);
  });

  it("stops at review for a flagged order", () => {
    const flagged: OrderStatusDto = {
      ...base,
      state: "FLAGGED",
      displayState: "UNDER_REVIEW",
      paidAt: "2026-12-01T00:31:00.000Z",
      events: [...base.events, { toState: "PAID", at: "2026-12-01T00:31:00.000Z" }, { toState: "FLAGGED", at: "2026-12-01T00:31:00.500Z" }],
    };
    expect(keys(flagged)).toEqual(["CREATED:done", "PAID:done", "FLAGGED:current"]);
  });
});
