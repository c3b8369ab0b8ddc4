import { describe, expect, it } from "vitest";
import { pageCount, pageHref, parsePage } from "./pager";

describe("pagination", () => {
  it("parses ?page= defensively", () => {
    expect(parsePage(undefined)).toBe(1);
    expect(parsePage("3")).toBe(3);
    expect(parsePage(" 2 ")).toBe(2);
    expect(parsePage(["4", "5"])).toBe(4);
    for (const bad of ["0", "-1", "abc", "2.5", "1e3", "", "99999999"]) expect(parsePage(bad), bad).toBe(1);
  });
  it("counts pages", () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
    expect(pageCount(45, 20)).toBe(3);
  });
  it("builds links", () => {
    expect(pageHref("/exchanges", 1)).toBe("/exchanges");
    expect(pageHref("/exchanges", 3)).toBe("/exchanges?page=3");
  });
});
