import { afterEach, describe, expect, it, vi } from "vitest";
import { advanceClock, clockEnvironment, clockIsShifted, now, nowMs, parseClockSetting, resetClock, setClock } from "./clock";

afterEach(() => {
  vi.unstubAllEnvs();
  resetClock();
});

describe("the one clock", () => {
  it("is the wall clock unless told otherwise", () => {
    vi.stubEnv("CAMPUSNET_NOW", "");
    resetClock();
    expect(clockIsShifted()).toBe(false);
    expect(Math.abs(nowMs() - Date.now())).toBeLessThan(50);
    expect(clockEnvironment()).toEqual({});
  });

  it("stands still where a test sets it, and moves when told", () => {
    setClock("2026-12-01T00:00:30+08:00");
    expect(now().toISOString()).toBe("2026-11-30T16:00:30.000Z");
    advanceClock(60_000);
    expect(now().toISOString()).toBe("2026-11-30T16:01:30.000Z");
  });

  it("starts at CAMPUSNET_NOW and runs on", () => {
    vi.stubEnv("CAMPUSNET_NOW", "2027-02-28T23:59:00+08:00");
    resetClock();
    expect(clockIsShifted()).toBe(true);
    expect(nowMs() - Date.parse("2027-02-28T15:59:00Z")).toBeGreaterThanOrEqual(0);
    expect(nowMs() - Date.parse("2027-02-28T15:59:00Z")).toBeLessThan(1000);
  });

  it("shares one clock between processes through CAMPUSNET_NOW_SINCE", () => {
    // The stack's clock read 00:30 ten seconds ago: a process started now is ten seconds on.
    const since = Date.now() - 10_000;
    vi.stubEnv("CAMPUSNET_NOW", "2026-12-01T00:30:00+08:00");
    vi.stubEnv("CAMPUSNET_NOW_SINCE", String(since));
    resetClock();
    const ahead = nowMs() - Date.parse("2026-12-01T00:30:00+08:00");
    expect(ahead).toBeGreaterThanOrEqual(10_000);
    expect(ahead).toBeLessThan(11_000);
    // …and hands the same clock on.
    const env = clockEnvironment() as { CAMPUSNET_NOW: string; CAMPUSNET_NOW_SINCE: string };
    expect(Date.parse(env.CAMPUSNET_NOW) - Number(env.CAMPUSNET_NOW_SINCE)).toBe(Date.parse("2026-12-01T00:30:00+08:00") - since);
  });

  it("refuses what is not a date-time", () => {
    expect(parseClockSetting(undefined)).toBeNull();
    expect(parseClockSetting("1764547200000")).toBe(1764547200000);
    expect(() => parseClockSetting("tomorrow")).toThrow(/CAMPUSNET_NOW is not a date-time/);
  });
});
