import { describe, expect, it } from "vitest";
import { safeCallbackPath, sameOriginPath, sameOriginRedirect } from "./safe-url";

// Inputs that browsers (or a lax parser) turn into another site.
const NASTY = [
  "/\t/evil.com",
  "/\n/evil.com",
  "/\r/evil.com",
  "/\0/evil.com",
  "/%09/evil.com",
  "/%0a/evil.com",
  "/%0D/evil.com",
  "/%00/evil.com",
  "/%2509/evil.com",
  "\\\\evil.com",
  "/\\evil.com",
  "/%5Cevil.com",
  "/%5cevil.com",
  "https://evil.com",
  "http://evil.com/ok",
  "//evil.com",
  "///evil.com",
  "/%2F/evil.com",
  "/%2f%2fevil.com",
  "/.//evil.com",
  "javascript:alert(1)",
  "data:text/html,hi",
  " /ok",
  "/ok\u007f",
  "%2F%2Fevil.com",
  "/%E0%A4%A",
  "",
];

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/ok?x=1")).toBe("/ok?x=1");
    expect(safeCallbackPath("/packages?x=1")).toBe("/packages?x=1");
    expect(safeCallbackPath("/admin/users")).toBe("/admin/users");
    expect(safeCallbackPath("/admin/users/2023010002#top")).toBe("/admin/users/2023010002#top");
    expect(safeCallbackPath("/admin/users?q=%E5%BC%A0")).toBe("/admin/users?q=%E5%BC%A0");
  });
  it.each(NASTY)("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });
  it("refuses loops and non-strings", () => {
    expect(safeCallbackPath("/signin?callbackUrl=/")).toBe("/");
    expect(safeCallbackPath("/signin")).toBe("/");
    expect(safeCallbackPath("/api/auth/signout")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a"])).toBe("/");
    expect(safeCallbackPath("/x".repeat(2000))).toBe("/");
  });
});

describe("sameOriginPath", () => {
  const base = "https://net.example.edu";
  it("accepts absolute URLs on our origin only when asked, and returns the path", () => {
    expect(sameOriginPath("https://net.example.edu/recharge/orders/R1?returned=1", base, { allowAbsolute: true })).toBe("/recharge/orders/R1?returned=1");
    expect(sameOriginPath("https://net.example.edu/recharge", base)).toBeNull();
    expect(sameOriginPath("https://net.example.edu.evil.com/", base, { allowAbsolute: true })).toBeNull();
    expect(sameOriginPath("http://net.example.edu/", base, { allowAbsolute: true })).toBeNull();
    expect(sameOriginPath("https://net.example.edu:444/", base, { allowAbsolute: true })).toBeNull();
    expect(sameOriginPath("https://user@evil.com/", base, { allowAbsolute: true })).toBeNull();
  });
  it.each(NASTY)("refuses %j even with absolute URLs allowed", (value) => {
    expect(sameOriginPath(value, base, { allowAbsolute: true })).toBeNull();
  });
});

describe("sameOriginRedirect (next-auth redirect callback)", () => {
  const baseUrl = "http://localhost:3000";
  it("keeps our own relative and absolute addresses", () => {
    expect(sameOriginRedirect("/ok?x=1", baseUrl)).toBe("http://localhost:3000/ok?x=1");
    expect(sameOriginRedirect("http://localhost:3000/admin", baseUrl)).toBe("http://localhost:3000/admin");
  });
  it.each(NASTY)("sends %j home", (value) => {
    expect(sameOriginRedirect(value, baseUrl)).toBe(baseUrl);
  });
});
