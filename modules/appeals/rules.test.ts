import { describe, expect, it } from "vitest";
import { appealClosesAt, appealEligibility } from "./rules";

const policy = { appealWindowHours: 72, appealMaxUsedBytes: 100n };
const at = new Date("2026-11-30T16:30:00Z"); // 00:30 on 1 December in Shanghai
const h = (o: Partial<{ usedBytes: bigint; state: string; expiresAt: Date }> = {}) => ({
  createdAt: at,
  usedBytes: 0n,
  quotaBytes: 1000n,
  expiresAt: new Date("2026-12-30T16:30:00Z"),
  state: "ACTIVE",
  ...o,
});
const after = (ms: number) => new Date(at.getTime() + ms);
const H72 = 72 * 3_600_000;

describe("appealEligibility", () => {
  it("closes the window at exactly createdAt + hours", () => {
    expect(appealClosesAt(at, 72).toISOString()).toBe("2026-12-03T16:30:00.000Z");
    expect(appealEligibility(h(), policy, after(H72 - 1000))).toEqual({ status: "ELIGIBLE", closesAt: after(H72) });
    expect(appealEligibility(h(), policy, after(H72))).toEqual({ status: "WINDOW_CLOSED", closedAt: after(H72) });
    expect(appealEligibility(h(), policy, after(H72 + 1000)).status).toBe("WINDOW_CLOSED");
  });

  it("wants usage strictly below the limit", () => {
    expect(appealEligibility(h({ usedBytes: 99n }), policy, after(1)).status).toBe("ELIGIBLE");
    expect(appealEligibility(h({ usedBytes: 100n }), policy, after(1))).toEqual({ status: "TOO_MUCH_USED", usedBytes: 100n, maxUsedBytes: 100n });
  });

  it("wants a package still in use (a frozen one counts)", () => {
    expect(appealEligibility(h({ state: "FROZEN" }), policy, after(1)).status).toBe("ELIGIBLE");
    for (const state of ["REFUNDED", "EXPIRED", "USED_UP"]) expect(appealEligibility(h({ state }), policy, after(1)).status).toBe("NOT_ACTIVE");
    expect(appealEligibility(h({ expiresAt: after(1) }), policy, after(1)).status).toBe("NOT_ACTIVE");
  });
});
