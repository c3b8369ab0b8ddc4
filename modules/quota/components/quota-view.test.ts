import { describe, expect, it } from "vitest";
import { GiB } from "@/lib/units";
import { buildQuotaView, formatMonthDay, formatSpeed, localizedName, quotaTone, remainingPercent } from "./quota-view";

describe("remainingPercent", () => {
  it("is a whole percent of what is left", () => {
    expect(remainingPercent(10n * GiB, 20n * GiB)).toBe(50);
    expect(remainingPercent(20n * GiB, 20n * GiB)).toBe(100);
    expect(remainingPercent(0n, 20n * GiB)).toBe(0);
  });
  it("never shows 0 while something is left, nor 100 while something is used", () => {
    expect(remainingPercent(1n, 20n * GiB)).toBe(1);
    expect(remainingPercent(20n * GiB - 1n, 20n * GiB)).toBe(99);
  });
  it("handles empty, negative and over-full values", () => {
    expect(remainingPercent(5n, 0n)).toBe(0);
    expect(remainingPercent(-5n, 10n)).toBe(0);
    expect(remainingPercent(15n, 10n)).toBe(100);
  });
});

describe("quotaTone", () => {
  it("turns low at 80 % used and empty at 100 %", () => {
    expect(quotaTone(100)).toBe("ok");
    expect(quotaTone(21)).toBe("ok");
    expect(quotaTone(20)).toBe("low");
    expect(quotaTone(1)).toBe("low");
    expect(quotaTone(0)).toBe("empty");
  });
});

describe("formatSpeed", () => {
  it("uses Mbit/s from 1024 kbit/s", () => {
    expect(formatSpeed(2048, "zh-CN")).toBe("2 Mbit/s");
    expect(formatSpeed(102400, "en")).toBe("100 Mbit/s");
    expect(formatSpeed(1536, "en")).toBe("1.5 Mbit/s");
    expect(formatSpeed(512, "zh-CN")).toBe("512 kbit/s");
  });
});

describe("formatMonthDay", () => {
  it("shows the Shanghai calendar day", () => {
    // 2026-11-30T16:00Z is 00:00 on 1 December in Shanghai.
    const resetsAt = new Date("2026-11-30T16:00:00Z");
    expect(formatMonthDay(resetsAt, "zh-CN")).toBe("12月1日");
    expect(formatMonthDay(resetsAt, "en")).toBe("Dec 1");
  });
});

describe("localizedName", () => {
  it("picks the name for the locale", () => {
    expect(localizedName({ nameZh: "10元20G", nameEn: "¥10 · 20 GB" }, "zh-CN")).toBe("10元20G");
    expect(localizedName({ nameZh: "10元20G", nameEn: "¥10 · 20 GB" }, "en")).toBe("¥10 · 20 GB");
    expect(localizedName({ nameZh: "10元20G", nameEn: "" }, "en")).toBe("10元20G");
  });
});

describe("buildQuotaView", () => {
  const policy = { throttledDownKbps: 2048, throttledUpKbps: 1024, highSpeedDownKbps: 102400 };
  const resetsAt = new Date("2026-11-30T16:00:00Z");

  it("describes a throttled student without a package", () => {
    const view = buildQuotaView(
      { freeBytes: 20n * GiB, freeRemainingBytes: 0n, package: null, totalRemainingBytes: 0n, speedMode: "THROTTLED", resetsAt },
      policy,
      "zh-CN",
    );
    expect(view.throttled).toBe(true);
    expect(view.free).toEqual({ remainingText: "0 B", totalText: "20 GB", percent: 0, tone: "empty" });
    expect(view.package).toBeNull();
    expect(view.throttledDownText).toBe("2 Mbit/s");
    expect(view.throttledUpText).toBe("1 Mbit/s");
    expect(view.resetDateText).toBe("12月1日");
  });

  it("describes the free quota and a package", () => {
    const view = buildQuotaView(
      {
        freeBytes: 20n * GiB,
        freeRemainingBytes: 5n * GiB,
        package: {
          code: "P10",
          nameZh: "10元20G",
          nameEn: "¥10 · 20 GB",
          quotaBytes: 20n * GiB,
          remainingBytes: 15n * GiB,
          expiresAt: new Date("2026-12-22T04:00:00Z"),
        },
        totalRemainingBytes: 20n * GiB,
        speedMode: "HIGH_SPEED",
        resetsAt,
      },
      policy,
      "en",
    );
    expect(view.throttled).toBe(false);
    expect(view.totalRemainingText).toBe("20 GB");
    expect(view.free).toMatchObject({ remainingText: "5 GB", percent: 25, tone: "ok" });
    expect(view.package).toMatchObject({
      code: "P10",
      name: "¥10 · 20 GB",
      remainingText: "15 GB",
      totalText: "20 GB",
      percent: 75,
      expiresText: "12/22/2026",
    });
  });
});
