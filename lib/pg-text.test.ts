import { describe, expect, it } from "vitest";
import { dbText } from "./pg-text";

describe("dbText", () => {
  it("replaces NUL, which PostgreSQL refuses, and cuts at max characters", () => {
    expect(dbText("a\u0000b")).toBe("a\uFFFDb");
    expect(dbText("x".repeat(600))).toHaveLength(500);
    expect(dbText("abcdef", 3)).toBe("abc");
    expect(dbText(null)).toBe("");
    expect(dbText(42)).toBe("42");
  });
});
