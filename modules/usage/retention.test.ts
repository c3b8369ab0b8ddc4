import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, retentionPolicy } from "./retention";

describe("retention policy", () => {
  it("defaults to 13 months of session detail, rollups for ever, 3 months ahead, archive after a day, drop", () => {
    expect(DEFAULT_RETENTION).toEqual({ sessionDetailMonths: 13, dailyRollupMonths: null, monthsAhead: 3, archiveAfterHours: 24, expired: "drop" });
    // the settings' defaults are the same values
    expect(retentionPolicy()).toEqual(DEFAULT_RETENTION);
  });

  it("takes overrides and refuses values that would drop everything", () => {
    expect(retentionPolicy({ sessionDetailMonths: 25, expired: "detach" })).toMatchObject({ sessionDetailMonths: 25, expired: "detach", monthsAhead: 3 });
    expect(() => retentionPolicy({ sessionDetailMonths: 0 })).toThrow(RangeError);
    expect(() => retentionPolicy({ monthsAhead: 0 })).toThrow(RangeError);
    expect(() => retentionPolicy({ dailyRollupMonths: 1.5 })).toThrow(RangeError);
    expect(() => retentionPolicy({ archiveAfterHours: -1 })).toThrow(RangeError);
  });
});
