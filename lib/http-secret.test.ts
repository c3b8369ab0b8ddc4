import { describe, expect, it } from "vitest";
import { requestHasSecret, secretMatches } from "./http-secret";

describe("secretMatches", () => {
  it("accepts only the exact secret", () => {
    expect(secretMatches("s3cret-value-0123456789", "s3cret-value-0123456789")).toBe(true);
    expect(secretMatches("s3cret-value-012345678", "s3cret-value-0123456789")).toBe(false);
    expect(secretMatches("s3cret-value-01234567890", "s3cret-value-0123456789")).toBe(false);
    expect(secretMatches("S3cret-value-0123456789", "s3cret-value-0123456789")).toBe(false);
  });
  it("refuses when either side is missing or empty", () => {
    expect(secretMatches(null, "x".repeat(20))).toBe(false);
    expect(secretMatches("", "")).toBe(false);
    expect(secretMatches("x".repeat(20), undefined)).toBe(false);
  });
  it("reads the x-cron-secret header", () => {
    const req = new Request("http://localhost/api/radius/sweep", { method: "POST", headers: { "x-cron-secret": "sweep-secret-0123456789" } });
    expect(requestHasSecret(req, "sweep-secret-0123456789")).toBe(true);
    expect(requestHasSecret(req, "cron-secret-0123456789")).toBe(false);
    expect(requestHasSecret(new Request("http://localhost/", { method: "POST" }), "sweep-secret-0123456789")).toBe(false);
  });
});
