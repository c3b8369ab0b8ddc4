import { describe, expect, it } from "vitest";
import {
  deviceLabel,
  durationParts,
  formatClock,
  formatDurationWith,
  parseMonthParam,
  passwordStrength,
  recentMonths,
  sameShanghaiDay,
  terminateCauseKey,
  toAlertDto,
  toSessionDto,
  toSpeedDto,
  usageHref,
} from "./network-view";

describe("network view helpers", () => {
  it("names a device by its name, else its MAC", () => {
    expect(deviceLabel({ deviceName: "宿舍 Switch", mac: "AA:BB:CC:DD:EE:01" })).toBe("宿舍 Switch");
    expect(deviceLabel({ deviceName: "  ", mac: "AA:BB:CC:DD:EE:01" })).toBe("AA:BB:CC:DD:EE:01");
    expect(deviceLabel({ name: "", mac: null })).toBeNull();
  });

  it("splits durations for messages", () => {
    expect(durationParts(-5)).toEqual({ key: "lessThanMinute" });
    expect(durationParts(59_999)).toEqual({ key: "lessThanMinute" });
    expect(durationParts(25 * 60_000)).toEqual({ key: "minutes", m: 25 });
    expect(durationParts(125 * 60_000)).toEqual({ key: "hours", h: 2, m: 5 });
    expect(durationParts((3 * 24 + 4) * 3600_000 + 59_000)).toEqual({ key: "days", d: 3, h: 4 });
    const t = (key: string, v?: Record<string, number>) => `${key}:${JSON.stringify(v ?? {})}`;
    expect(formatDurationWith(t, 125 * 60_000)).toBe('hours:{"h":2,"m":5}');
  });

  it("knows RFC 2866 terminate causes in any spelling", () => {
    expect(terminateCauseKey(null)).toBeNull();
    expect(terminateCauseKey("User-Request")).toBe("User-Request");
    expect(terminateCauseKey("lost carrier")).toBe("Lost-Carrier");
    expect(terminateCauseKey("Admin_Reset")).toBe("Admin-Reset");
    expect(terminateCauseKey("Something-Else")).toBe("other");
  });

  it("offers the last six billing months (Asia/Shanghai) and accepts only those", () => {
    // 2026-03-31T16:30Z is already 1 April in Shanghai.
    const months = recentMonths(new Date("2026-03-31T16:30:00Z"));
    expect(months).toEqual(["2026-04", "2026-03", "2026-02", "2026-01", "2025-12", "2025-11"]);
    expect(parseMonthParam(undefined, months)).toBe("2026-04");
    expect(parseMonthParam("2026-01", months)).toBe("2026-01");
    expect(parseMonthParam(["2025-12", "x"], months)).toBe("2025-12");
    expect(parseMonthParam("2025-01", months)).toBe("2026-04");
    expect(parseMonthParam("2026-1", months)).toBe("2026-04");
  });

  it("builds usage links without redundant parameters", () => {
    expect(usageHref("2026-04", 1, "2026-04")).toBe("/network/usage");
    expect(usageHref("2026-03", 1, "2026-04")).toBe("/network/usage?month=2026-03");
    expect(usageHref("2026-04", 3, "2026-04")).toBe("/network/usage?page=3");
    expect(usageHref("2026-03", 2, "2026-04")).toBe("/network/usage?month=2026-03&page=2");
  });

  it("compares Shanghai days and formats a clock", () => {
    expect(sameShanghaiDay("2026-03-01T15:59:00Z", "2026-03-01T16:01:00Z")).toBe(false);
    expect(sameShanghaiDay("2026-03-01T16:01:00Z", "2026-03-02T15:00:00Z")).toBe(true);
    expect(formatClock("2026-03-01T13:04:05Z", "zh-CN")).toBe("21:04:05");
  });

  it("rates password strength and gives hints", () => {
    expect(passwordStrength("")).toEqual({ score: 0, hints: [] });
    expect(passwordStrength("abc1").score).toBe(1);
    expect(passwordStrength("password1").hints).toContain("notCommon");
    expect(passwordStrength("password1").score).toBe(1);
    expect(passwordStrength("x2023010001y", "2023010001").hints).toContain("notCommon");
    expect(passwordStrength("aaaa1111bbbb").hints).toContain("noRepeats");
    const fair = passwordStrength("campus7net");
    expect(fair.score).toBeLessThanOrEqual(2);
    expect(fair.hints).toEqual(expect.arrayContaining(["longer", "mixCase", "symbol"]));
    const strong = passwordStrength("Tiger#Lake-2026!x");
    expect(strong.score).toBe(4);
    expect(strong.hints).toEqual([]);
  });

  it("turns service rows into plain DTOs", () => {
    const at = new Date("2026-03-01T12:00:00Z");
    const s = toSessionDto({
      id: "s",
      state: "ACTIVE",
      deviceName: null,
      mac: "AA:BB:CC:DD:EE:01",
      framedIp: "10.1.1.1",
      nasIp: "127.0.0.1",
      startedAt: at,
      lastUpdateAt: at,
      stoppedAt: null,
      terminateCause: null,
      uploadBytes: 5n,
      downloadBytes: (1n << 40n) + 1n,
      speedMode: "HIGH_SPEED",
    });
    expect(s).toMatchObject({ startedAt: at.toISOString(), downloadBytes: "1099511627777", uploadBytes: "5", stoppedAt: null });
    const speed = toSpeedDto({
      status: "ACTIVE",
      speedMode: "THROTTLED",
      reason: "QUOTA_USED_UP",
      rate: { upKbps: 1024, downKbps: 2048 },
      attributes: { "WISPr-Bandwidth-Max-Down": 2097152, "Mikrotik-Rate-Limit": "1M/2M" },
      highSpeed: { upKbps: 51200, downKbps: 102400 },
      quota: {
        month: "2026-03",
        freeBytes: 100n,
        freeUsedBytes: 130n,
        freeRemainingBytes: -30n,
        package: null,
        totalRemainingBytes: -30n,
        speedMode: "THROTTLED",
        resetsAt: at,
      },
      resetsAt: at,
      sessions: [
        { id: "a", deviceName: null, mac: null, speedMode: "HIGH_SPEED", inStep: false },
        { id: "b", deviceName: null, mac: null, speedMode: "THROTTLED", inStep: true },
      ],
    });
    expect(speed).toMatchObject({
      freeRemainingBytes: "0",
      totalRemainingBytes: "0",
      outOfStep: 1,
      attributes: [
        ["WISPr-Bandwidth-Max-Down", "2097152"],
        ["Mikrotik-Rate-Limit", "1M/2M"],
      ],
    });
  });

  it("reads quota alerts and skips unknown kinds", () => {
    const base = { id: "7", createdAt: new Date("2026-03-05T00:00:00Z"), readAt: null };
    expect(toAlertDto({ ...base, kind: "QUOTA_80", data: { month: "2026-03", threshold: 80, usedBytes: "16", grantedBytes: "20" } })).toMatchObject({
      threshold: 80,
      month: "2026-03",
      usedBytes: "16",
      read: false,
    });
    expect(toAlertDto({ ...base, kind: "QUOTA_100", data: null, readAt: new Date("2026-03-06T02:00:00Z") })).toMatchObject({
      threshold: 100,
      month: null,
      read: true,
    });
    expect(toAlertDto({ ...base, kind: "OTHER", data: {} })).toBeNull();
  });
});
