import { describe, expect, it } from "vitest";
import { isFlagReason } from "./flags";

describe("flag reasons", () => {
  it("isFlagReason accepts only the reasons the code writes", () => {
    expect(isFlagReason("REVERSED")).toBe(true);
    expect(isFlagReason("AMOUNT_MISMATCH")).toBe(true);
    expect(isFlagReason("OTHER")).toBe(false);
    expect(isFlagReason(null)).toBe(false);
    expect(isFlagReason("reversed")).toBe(false);
  });
});
