import { describe, expect, it } from "vitest";
import { GiB, MiB } from "@/lib/units";
import { bytesToGB, hasUsage, peakBar, sumUsage, toDailyBars, toMonthlyBars } from "./usage-chart-data";

describe("bytesToGB", () => {
  it("converts with three decimals", () => {
    expect(bytesToGB(0n)).toBe(0);
    expect(bytesToGB(GiB)).toBe(1);
    expect(bytesToGB(1536n * MiB)).toBe(1.5);
    expect(bytesToGB(MiB)).toBe(0.001);
    expect(bytesToGB(-5n)).toBe(0);
  });
  it("keeps huge totals exact in the integer part", () => {
    expect(bytesToGB(123_456n * GiB)).toBe(123456);
  });
});

describe("sumUsage / hasUsage", () => {
  const points = [
    { uploadBytes: 1n, downloadBytes: 10n },
    { uploadBytes: 2n, downloadBytes: 20n },
  ];
  it("adds up and down", () => {
    expect(sumUsage(points)).toEqual({ uploadBytes: 3n, downloadBytes: 30n, totalBytes: 33n });
    expect(sumUsage([])).toEqual({ uploadBytes: 0n, downloadBytes: 0n, totalBytes: 0n });
  });
  it("knows when there is nothing to draw", () => {
    expect(hasUsage(points)).toBe(true);
    expect(hasUsage([{ uploadBytes: 0n, downloadBytes: 0n }])).toBe(false);
    expect(hasUsage([])).toBe(false);
  });
});

describe("toDailyBars", () => {
  const days = [
    { day: "2026-12-01", uploadBytes: 0n, downloadBytes: 0n },
    { day: "2026-12-05", uploadBytes: GiB / 2n, downloadBytes: 2n * GiB },
  ];
  it("labels by day of month with a full tooltip date", () => {
    const zh = toDailyBars(days, "zh-CN");
    expect(zh.map((b) => b.label)).toEqual(["1", "5"]);
    expect(zh[1]).toMatchObject({ key: "2026-12-05", downloadGB: 2, uploadGB: 0.5, downloadBytes: 2 * 1024 ** 3, uploadBytes: 1024 ** 3 / 2 });
    expect(zh[1]!.fullLabel).toContain("12月5日");
    expect(toDailyBars(days, "en")[1]!.fullLabel).toContain("Dec 5");
  });
  it("finds the peak day", () => {
    expect(peakBar(toDailyBars(days, "en"))?.key).toBe("2026-12-05");
    expect(peakBar(toDailyBars(days.slice(0, 1), "en"))).toBeNull();
  });
});

describe("toMonthlyBars", () => {
  it("labels by short month per locale, across a year boundary", () => {
    const months = [
      { month: "2026-12", uploadBytes: 0n, downloadBytes: GiB },
      { month: "2027-01", uploadBytes: 0n, downloadBytes: 0n },
    ];
    expect(toMonthlyBars(months, "zh-CN").map((b) => [b.label, b.fullLabel])).toEqual([
      ["12月", "2026年12月"],
      ["1月", "2027年1月"],
    ]);
    expect(toMonthlyBars(months, "en").map((b) => [b.label, b.fullLabel])).toEqual([
      ["Dec", "December 2026"],
      ["Jan", "January 2027"],
    ]);
  });
});
