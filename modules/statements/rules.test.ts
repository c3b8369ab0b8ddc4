import { describe, expect, it } from "vitest";
import { defaultStatementMonth, groupLines, isMonthKey, lineKindOf, refuseMonth, splitData, statementMonths } from "./rules";

const GB = 1024n ** 3n;
const since = new Date("2026-09-10T02:00:00Z");

describe("statement months", () => {
  it("takes real months only", () => {
    expect(["2026-01", "2026-12"].every(isMonthKey)).toBe(true);
    expect(["2026-00", "2026-13", "2026-1", "1999-12", "x", 202611, null].some(isMonthKey)).toBe(false);
  });

  it("refuses future months and months before the account, by Shanghai month", () => {
    const now = new Date("2026-11-30T15:59:59Z"); // 23:59:59 on Nov 30 in Shanghai
    expect(refuseMonth("2026-12", since, now)).toBe("FUTURE_MONTH");
    expect(refuseMonth("2026-12", since, new Date("2026-11-30T16:00:00Z"))).toBeNull();
    expect(refuseMonth("2026-08", since, now)).toBe("BEFORE_ACCOUNT");
    expect(refuseMonth("2026-09", since, now)).toBeNull();
    expect(refuseMonth("2026-9", since, now)).toBe("INVALID_MONTH");
  });

  it("defaults to last month, or this month for an account younger than that", () => {
    const now = new Date("2026-12-05T04:00:00Z");
    expect(defaultStatementMonth(since, now)).toBe("2026-11");
    expect(defaultStatementMonth(new Date("2026-12-02T00:00:00Z"), now)).toBe("2026-12");
    expect(statementMonths(since, now)).toEqual(["2026-12", "2026-11", "2026-10", "2026-09"]);
    expect(statementMonths(new Date("2020-01-01T00:00:00Z"), now)).toHaveLength(24);
  });
});

describe("statement lines", () => {
  it("groups by journal kind in a fixed order, appeal refunds apart, both directions of a reversal kept", () => {
    expect(lineKindOf({ kind: "REVERSAL", idempotencyKey: "appeal:1" })).toBe("APPEAL_REFUND");
    expect(lineKindOf({ kind: "REVERSAL", idempotencyKey: "reversal:1" })).toBe("REVERSAL");
    expect(
      groupLines([
        { kind: "EXCHANGE", idempotencyKey: "a", amountFen: -1000n },
        { kind: "RECHARGE", idempotencyKey: "b", amountFen: 2000n },
        { kind: "REVERSAL", idempotencyKey: "c", amountFen: -2000n },
        { kind: "REVERSAL", idempotencyKey: "d", amountFen: 500n },
        { kind: "RECHARGE", idempotencyKey: "e", amountFen: 300n },
      ]),
    ).toEqual([
      { kind: "RECHARGE", inFen: 2300n, outFen: 0n, count: 2 },
      { kind: "EXCHANGE", inFen: 0n, outFen: -1000n, count: 1 },
      { kind: "REVERSAL", inFen: 500n, outFen: -2000n, count: 2 },
    ]);
    expect(groupLines([])).toEqual([]);
  });
});

describe("statement data split", () => {
  it("package data is the traffic beyond the free quota, at most what the month's packages used; the rest throttled", () => {
    expect(splitData(30n * GB, 20n * GB, 6n * GB)).toEqual({ freeUsedBytes: 20n * GB, packageUsedBytes: 6n * GB, throttledBytes: 4n * GB });
    // a package that runs on into next month used more in all than this month's traffic beyond free
    expect(splitData(30n * GB, 20n * GB, 25n * GB)).toEqual({ freeUsedBytes: 20n * GB, packageUsedBytes: 10n * GB, throttledBytes: 0n });
    expect(splitData(12n * GB, 12n * GB, 0n)).toEqual({ freeUsedBytes: 12n * GB, packageUsedBytes: 0n, throttledBytes: 0n });
    expect(splitData(0n, 0n, 0n)).toEqual({ freeUsedBytes: 0n, packageUsedBytes: 0n, throttledBytes: 0n });
  });
});
