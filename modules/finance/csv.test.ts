import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("finance CSV", () => {
  it("quotes, keeps numbers and defuses formulas", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ["=SUM(A1)", "-5.00"],
        ['x,"y"', 12n],
      ],
    );
    expect(csv).toBe('\uFEFFa,b\r\n\'=SUM(A1),-5.00\r\n"x,""y""",12\r\n');
  });
});
