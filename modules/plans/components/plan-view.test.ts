import { describe, expect, it } from "vitest";
import { toPlanCardView, toPlanOfferView } from "./plan-view";

const base = {
  balanceFen: 999n,
  sufficient: false,
  dueFen: 1000n,
  runs: [
    {
      id: "r1",
      month: "2026-12",
      outcome: "BALANCE_SHORT" as const,
      createdAt: new Date("2026-11-30T16:00:00Z"),
      code: "P10",
      nameZh: "10元20G流量包",
      nameEn: "¥10 · 20 GB",
      priceFen: 1000n,
      shortfallFen: 1n,
      reason: "BALANCE_SHORT",
    },
  ],
};

describe("plan view", () => {
  it("shows the next booking on the 1st in Shanghai and the shortfall to the fen", () => {
    const v = toPlanCardView(
      {
        ...base,
        plan: {
          id: "p1",
          kind: "AUTO_RENEW",
          firstMonth: "2027-01",
          code: "P10",
          nameZh: "10元20G流量包",
          nameEn: "¥10 · 20 GB",
          priceFen: 1000n,
          nextMonth: "2027-01",
          nextAt: new Date("2026-12-31T16:00:00Z"),
          waiting: false,
          cancellable: true,
          changed: null,
        },
      },
      "zh-CN",
    );
    expect(v.plan).toMatchObject({ name: "10元20G流量包", priceText: "¥10.00", nextDateText: "2027/01/01", nextMonthText: "2027年1月" });
    expect(v.shortfallText).toBe("¥0.01");
    expect(v.runs[0]).toMatchObject({ monthText: "2026年12月", outcome: "BALANCE_SHORT", shortfallText: "¥0.01", reason: null });
  });

  it("names the package a catalogue edit made of the plan's, with its price", () => {
    const plan = {
      id: "p1",
      kind: "AUTO_RENEW" as const,
      firstMonth: "2027-01",
      code: "P10",
      nameZh: "10元20G流量包",
      nameEn: "¥10 · 20 GB",
      priceFen: 1000n,
      nextMonth: "2027-01",
      nextAt: new Date("2026-12-31T16:00:00Z"),
      waiting: false,
      cancellable: true,
    };
    const to = { packageId: "k2", code: "P10.v2", nameZh: "12元30G流量包", nameEn: "¥12 · 30 GB", priceFen: 1200n };
    const up = toPlanCardView({ ...base, dueFen: 1000n, plan: { ...plan, changed: { to, booksAutomatically: false } } }, "zh-CN");
    expect(up.plan?.changed).toEqual({ to: { packageId: "k2", name: "12元30G流量包", priceText: "¥12.00" }, booksAutomatically: false });
    const down = toPlanCardView(
      { ...base, dueFen: 800n, balanceFen: 700n, plan: { ...plan, changed: { to: { ...to, priceFen: 800n }, booksAutomatically: true } } },
      "en",
    );
    expect(down.shortfallText).toMatch(/1\.00$/);
    const gone = toPlanCardView({ ...base, plan: { ...plan, changed: { to: null, booksAutomatically: false } } }, "en");
    expect(gone.plan?.changed).toEqual({ to: null, booksAutomatically: false });
  });

  it("has no shortfall without a plan, and offers next month's 1st", () => {
    const v = toPlanCardView({ ...base, plan: null, sufficient: true }, "en");
    expect(v.plan).toBeNull();
    expect(v.shortfallText).toMatch(/0\.00$/);
    expect(toPlanOfferView("2027-01", 0n, "zh-CN", null)).toMatchObject({ monthText: "2027年1月", dateText: "2027/01/01", balanceText: "¥0.00" });
  });
});
