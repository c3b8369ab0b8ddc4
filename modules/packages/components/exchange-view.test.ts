import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { exchangeSchema } from "@/modules/packages/schemas";
import { GiB } from "@/lib/units";
import { balanceAfterExchange, newRequestKey, toCatalogueItemView, toExchangeRowView } from "./exchange-view";

describe("balanceAfterExchange", () => {
  it("subtracts the price when the balance covers it", () => {
    expect(balanceAfterExchange(2500n, 1000n)).toEqual({ afterFen: 1500n, sufficient: true, shortfallFen: 0n });
    expect(balanceAfterExchange(1000n, 1000n)).toEqual({ afterFen: 0n, sufficient: true, shortfallFen: 0n });
  });
  it("reports the shortfall instead of a negative balance", () => {
    expect(balanceAfterExchange(0n, 500n)).toEqual({ afterFen: 0n, sufficient: false, shortfallFen: 500n });
    expect(balanceAfterExchange(999n, 1000n)).toEqual({ afterFen: 999n, sufficient: false, shortfallFen: 1n });
  });
});

describe("newRequestKey", () => {
  it("uses crypto.randomUUID when there is one", () => {
    const key = newRequestKey();
    expect(exchangeSchema.shape.requestKey.safeParse(key).success).toBe(true);
    expect(newRequestKey()).not.toBe(key);
  });
  it("falls back to getRandomValues outside secure contexts, still a valid v4 UUID", () => {
    const insecure = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => webcrypto.getRandomValues(array) };
    for (let i = 0; i < 50; i++) {
      const key = newRequestKey(insecure);
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(exchangeSchema.shape.requestKey.safeParse(key).success).toBe(true);
    }
  });
});

describe("toCatalogueItemView", () => {
  const p10 = {
    id: "9f1c3a52-6a43-4c1f-9d0e-2b7f3f1f0a10",
    code: "P10",
    nameZh: "10元20G流量包",
    nameEn: "¥10 · 20 GB",
    priceFen: 1000n,
    quotaBytes: 20n * GiB,
    validityMonths: 1,
    special: false,
    availableUntil: null,
  };
  it("formats price and quota and precomputes the balance after", () => {
    expect(toCatalogueItemView(p10, 2500n, "zh-CN")).toEqual({
      id: p10.id,
      code: "P10",
      name: "10元20G流量包",
      priceText: "¥10.00",
      quotaText: "20 GB",
      validityMonths: 1,
      special: false,
      availableUntilText: null,
      sufficient: true,
      balanceAfterText: "¥15.00",
      shortfallText: "¥0.00",
    });
  });
  it("flags an insufficient balance with the shortfall", () => {
    const view = toCatalogueItemView({ ...p10, special: true, availableUntil: new Date("2026-12-22T07:00:00Z") }, 300n, "en");
    expect(view).toMatchObject({ name: "¥10 · 20 GB", sufficient: false, balanceAfterText: "¥3.00", shortfallText: "¥7.00", availableUntilText: "Dec 22" });
  });
});

describe("toExchangeRowView", () => {
  const row = {
    id: "row-1",
    createdAt: new Date("2026-11-20T06:32:00Z"),
    packageCode: "P10",
    nameZh: "10元20G流量包",
    nameEn: "¥10 · 20 GB",
    priceFen: 1000n,
    quotaBytes: 20n * GiB,
    usedBytes: 5n * GiB,
    expiresAt: new Date("2026-12-20T06:32:00Z"),
    state: "ACTIVE" as const,
  };
  it("shows Shanghai time, price and usage", () => {
    expect(toExchangeRowView(row, "zh-CN")).toMatchObject({
      timeText: "2026/11/20 14:32",
      name: "10元20G流量包",
      priceText: "¥10.00",
      usedText: "5 GB",
      totalText: "20 GB",
      usedPercent: 25,
      expiresText: "2026/12/20",
      state: "ACTIVE",
    });
  });
  it("clamps usage to the quota", () => {
    expect(toExchangeRowView({ ...row, usedBytes: 25n * GiB, state: "USED_UP" }, "en")).toMatchObject({ usedText: "20 GB", usedPercent: 100 });
    expect(toExchangeRowView({ ...row, usedBytes: 0n }, "en")).toMatchObject({ usedText: "0 B", usedPercent: 0 });
  });
});
