import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-url";

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/packages?x=1")).toBe("/packages?x=1");
    expect(safeCallbackPath("/admin/users")).toBe("/admin/users");
  });
  it("rejects other sites and loops", () => {
    expect(safeCallbackPath("https://evil.example/")).toBe("/");
    expect(safeCallbackPath("//evil.example")).toBe("/");
    expect(safeCallbackPath("/\\evil.example")).toBe("/");
    expect(safeCallbackPath("/signin?callbackUrl=/")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a"])).toBe("/");
  });
});
