import { describe, expect, it } from "vitest";
import { addMonths, dayDate, dayKey, daysInMonth, monthKey, shiftMonthKey, startOfDay, startOfMonth, startOfNextMonth } from "./time";

describe("Asia/Shanghai billing time", () => {
  it("puts 16:30 UTC on the last day of a month into the next Shanghai month", () => {
    const at = new Date("2026-11-30T16:30:00Z");
    expect(monthKey(at)).toBe("2026-12");
    expect(dayKey(at)).toBe("2026-12-01");
    expect(dayDate(at).toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
  it("keeps 15:59 UTC in the same Shanghai day", () => {
    expect(dayKey(new Date("2026-11-30T15:59:59Z"))).toBe("2026-11-30");
  });
  it("computes month starts as Shanghai midnight", () => {
    const at = new Date("2026-11-23T10:00:00Z");
    expect(startOfMonth(at).toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(startOfNextMonth(at).toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(startOfNextMonth(new Date("2026-12-15T00:00:00Z")).toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });
  it("adds calendar months with day clamping", () => {
    expect(addMonths(new Date("2026-01-31T04:00:00Z"), 1).toISOString()).toBe("2026-02-28T04:00:00.000Z");
    expect(addMonths(new Date("2026-11-23T10:00:00Z"), 1).toISOString()).toBe("2026-12-23T10:00:00.000Z");
    expect(addMonths(new Date("2028-01-31T04:00:00Z"), 1).toISOString()).toBe("2028-02-29T04:00:00.000Z");
  });
  it("shifts month keys across years and counts days", () => {
    expect(shiftMonthKey("2026-01", -1)).toBe("2025-12");
    expect(shiftMonthKey("2026-11", 2)).toBe("2027-01");
    expect(daysInMonth("2028-02")).toBe(29);
    expect(daysInMonth("2026-11")).toBe(30);
  });
});

describe("Asia/Shanghai keys", () => {
  it("puts 2026-11-30T16:30Z in December (Shanghai is UTC+8)", () => {
    const d = new Date("2026-11-30T16:30:00Z");
    expect(monthKey(d)).toBe("2026-12");
    expect(dayKey(d)).toBe("2026-12-01");
  });

  it("keeps 2026-11-30T15:59:59.999Z in November", () => {
    const d = new Date("2026-11-30T15:59:59.999Z");
    expect(monthKey(d)).toBe("2026-11");
    expect(dayKey(d)).toBe("2026-11-30");
  });

  it("crosses the year boundary", () => {
    expect(monthKey(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01");
    expect(monthKey(new Date("2026-12-31T15:59:59Z"))).toBe("2026-12");
  });

  it("handles leap days", () => {
    expect(dayKey(new Date("2028-02-28T16:00:00Z"))).toBe("2028-02-29");
  });

  it("startOfMonth gives the UTC instant of local midnight on the 1st", () => {
    expect(startOfMonth(new Date("2026-11-30T16:30:00Z")).toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(startOfMonth(new Date("2026-11-15T08:00:00Z")).toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(startOfMonth(new Date("2026-10-31T16:00:00Z")).toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(startOfMonth(new Date("2027-01-01T00:00:00Z")).toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("startOfDay", () => {
    expect(startOfDay(new Date("2026-11-30T16:30:00Z")).toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(startOfDay(new Date("2026-11-30T15:30:00Z")).toISOString()).toBe("2026-11-29T16:00:00.000Z");
  });
});

describe("addMonths", () => {
  it("moves month starts to month starts", () => {
    const dec = startOfMonth(new Date("2026-12-10T00:00:00Z"));
    expect(addMonths(dec, 1).toISOString()).toBe("2026-12-31T16:00:00.000Z"); // 2027-01-01 local
    expect(addMonths(dec, -1).toISOString()).toBe("2026-10-31T16:00:00.000Z"); // 2026-11-01 local
    expect(addMonths(dec, 12).toISOString()).toBe("2027-11-30T16:00:00.000Z");
    expect(addMonths(dec, -13).toISOString()).toBe("2025-10-31T16:00:00.000Z");
    expect(addMonths(dec, 0).toISOString()).toBe(dec.toISOString());
  });

  it("clamps the day to the target month in Shanghai time", () => {
    // 2027-01-31 10:00 Shanghai → 2027-02-28 10:00 Shanghai
    expect(addMonths(new Date("2027-01-31T02:00:00Z"), 1).toISOString()).toBe("2027-02-28T02:00:00.000Z");
    // 2028 is a leap year
    expect(addMonths(new Date("2028-01-31T02:00:00Z"), 1).toISOString()).toBe("2028-02-29T02:00:00.000Z");
    // 2026-11-30T16:30Z is 2026-12-01 00:30 Shanghai; +1 month → 2027-01-01 00:30 Shanghai
    expect(addMonths(new Date("2026-11-30T16:30:00Z"), 1).toISOString()).toBe("2026-12-31T16:30:00.000Z");
  });

  it("rejects fractional months", () => {
    expect(() => addMonths(new Date(), 1.5)).toThrow(RangeError);
  });
});

