import { describe, expect, it } from "vitest";
import { addDays, daysBetween, splitRemaining } from "./pause-view";

describe("pause card helpers", () => {
  it("counts calendar days across a month end and a leap day", () => {
    expect(daysBetween("2027-01-25", "2027-02-05")).toBe(11);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(daysBetween("2026-12-01", addDays("2026-12-01", 180))).toBe(180);
  });

  it("splits the remaining validity into whole days and hours", () => {
    expect(splitRemaining(21 * 86_400_000 + 15 * 3600_000 + 59_000)).toEqual({ days: 21, hours: 15 });
    expect(splitRemaining(3599_999)).toEqual({ days: 0, hours: 0 });
    expect(splitRemaining(-5)).toEqual({ days: 0, hours: 0 });
  });
});
