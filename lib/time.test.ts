import { describe, expect, it } from "vitest";
import {
  addMonths,
  dayDate,
  dayKey,
  daysInMonth,
  isDayKey,
  monthKey,
  monthStart,
  parseShanghaiDateTime,
  shanghaiDateTime,
  shanghaiDayRange,
  shanghaiWall,
  shiftMonthKey,
  startOfDay,
  startOfMonth,
  startOfNextMonth,
} from "./time";

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

// The first and last minute of a Shanghai month, and packages bought on the days that
// have no twin in the next month.
describe("the month boundary in Asia/Shanghai", () => {
  const at = (iso: string) => new Date(iso);

  it("starts a month at 16:00 UTC of the previous day: its first minute is the new month", () => {
    for (const [instant, month, day] of [
      ["2026-11-30T16:00:00Z", "2026-12", "2026-12-01"],
      ["2026-12-01T00:00:30+08:00", "2026-12", "2026-12-01"],
      ["2026-12-31T16:00:00Z", "2027-01", "2027-01-01"],
      ["2027-02-28T16:00:30Z", "2027-03", "2027-03-01"],
      ["2028-02-29T16:00:00Z", "2028-03", "2028-03-01"],
    ] as const) {
      expect(monthKey(at(instant)), instant).toBe(month);
      expect(dayKey(at(instant)), instant).toBe(day);
      expect(startOfMonth(at(instant)).toISOString()).toBe(monthStart(month).toISOString());
    }
  });

  it("keeps the last minute in the old month, up to 15:59:59.999 UTC", () => {
    for (const [instant, month, day] of [
      ["2027-02-28T23:59:30+08:00", "2027-02", "2027-02-28"],
      ["2027-02-28T15:59:59.999Z", "2027-02", "2027-02-28"],
      ["2026-12-31T23:59:00+08:00", "2026-12", "2026-12-31"],
      ["2028-02-29T23:59:59+08:00", "2028-02", "2028-02-29"],
    ] as const) {
      expect(monthKey(at(instant)), instant).toBe(month);
      expect(dayKey(at(instant)), instant).toBe(day);
    }
    // …and its next month begins one minute later.
    expect(startOfNextMonth(at("2027-02-28T23:59:30+08:00")).toISOString()).toBe("2027-02-28T16:00:00.000Z");
    expect(startOfNextMonth(at("2026-12-31T23:59:00+08:00")).toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("ends a package bought on 31 January on 28 February (29 in a leap year), same Shanghai time", () => {
    expect(addMonths(at("2027-01-31T23:30:00+08:00"), 1).toISOString()).toBe(at("2027-02-28T23:30:00+08:00").toISOString());
    expect(addMonths(at("2028-01-31T00:10:00+08:00"), 1).toISOString()).toBe(at("2028-02-29T00:10:00+08:00").toISOString());
    // 31 January 00:10 Shanghai is still 30 January in UTC: the Shanghai date decides.
    expect(addMonths(at("2027-01-31T00:10:00+08:00"), 1).toISOString()).toBe(at("2027-02-28T00:10:00+08:00").toISOString());
  });

  it("ends a package bought on 29 February 2028 on 29 March", () => {
    expect(addMonths(at("2028-02-29T12:00:00+08:00"), 1).toISOString()).toBe(at("2028-03-29T12:00:00+08:00").toISOString());
    expect(addMonths(at("2028-02-29T12:00:00+08:00"), 12).toISOString()).toBe(at("2029-02-28T12:00:00+08:00").toISOString());
  });

  it("ends a package bought on 31 December on 31 January of the next year", () => {
    expect(addMonths(at("2026-12-31T23:59:00+08:00"), 1).toISOString()).toBe(at("2027-01-31T23:59:00+08:00").toISOString());
    expect(monthKey(addMonths(at("2026-12-31T23:59:00+08:00"), 1))).toBe("2027-01");
  });

  it("counts the days of the months around the boundaries", () => {
    expect(daysInMonth("2027-02")).toBe(28);
    expect(daysInMonth("2028-02")).toBe(29);
    expect(daysInMonth("2026-12")).toBe(31);
    expect(shiftMonthKey("2026-12", 1)).toBe("2027-01");
    expect(dayDate(at("2026-12-31T16:00:00Z")).toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("Shanghai days for statements", () => {
  it("gives the UTC instants of a Shanghai day", () => {
    const { from, to } = shanghaiDayRange("2026-11-23");
    expect(from.toISOString()).toBe("2026-11-22T16:00:00.000Z");
    expect(to.toISOString()).toBe("2026-11-23T16:00:00.000Z");
    expect(shanghaiDayRange("2026-12-01").from.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(shanghaiDayRange("2028-02-29").to.toISOString()).toBe("2028-02-29T16:00:00.000Z");
    expect(() => shanghaiDayRange("2026-02-30")).toThrow(RangeError);
    expect(isDayKey("2026-02-28")).toBe(true);
    expect(isDayKey("2026-2-28")).toBe(false);
    expect(isDayKey(20261123)).toBe(false);
  });

  it("formats and parses statement times", () => {
    const at = new Date("2026-11-23T16:30:05Z");
    expect(shanghaiDateTime(at)).toBe("2026-11-24 00:30:05");
    expect(parseShanghaiDateTime("2026-11-24 00:30:05")?.toISOString()).toBe(at.toISOString());
    expect(parseShanghaiDateTime("yesterday")).toBeNull();
    expect(shanghaiWall(at).getUTCHours()).toBe(0);
  });
});
