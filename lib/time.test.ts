import { describe, expect, it } from "vitest";
import { addMonths, dayDate, dayKey, daysInMonth, monthKey, shiftMonthKey, startOfMonth, startOfNextMonth } from "./time";

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
