import { describe, expect, it } from "vitest";
import { toCsv } from "@/modules/finance/csv";
import { isDayKey, parseShanghaiDateTime, shanghaiDateTime, shanghaiDayRange } from "./day";

describe("Shanghai days for statements", () => {
  it("gives the UTC instants of a Shanghai day", () => {
    const { from, to } = shanghaiDayRange("2026-11-23");
    expect(from.toISOString()).toBe("2026-11-22T16:00:00.000Z");
    expect(to.toISOString()).toBe("2026-11-23T16:00:00.000Z");
    expect(() => shanghaiDayRange("2026-02-30")).toThrow();
    expect(isDayKey("2026-02-28")).toBe(true);
    expect(isDayKey("2026-2-28")).toBe(false);
    expect(isDayKey(20261123)).toBe(false);
  });

  it("formats and parses statement times", () => {
    const at = new Date("2026-11-23T16:30:05Z");
    expect(shanghaiDateTime(at)).toBe("2026-11-24 00:30:05");
    expect(parseShanghaiDateTime("2026-11-24 00:30:05")?.toISOString()).toBe(at.toISOString());
    expect(parseShanghaiDateTime("yesterday")).toBeNull();
  });
});

describe("finance CSV", () => {
  it("quotes, keeps numbers and defuses formulas", () => {
    const csv = toCsv(["a", "b"], [["=SUM(A1)", "-5.00"], ['x,"y"', 12n]]);
    expect(csv).toBe('\uFEFFa,b\r\n\'=SUM(A1),-5.00\r\n"x,""y""",12\r\n');
  });
});
