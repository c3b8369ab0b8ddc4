import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, makeNonce } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("lets scripts run only with the request's nonce", () => {
    const csp = contentSecurityPolicy("abc123==", { dev: false, https: true });
    const script = csp.split("; ").find((d) => d.startsWith("script-src "));
    expect(script).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  it("allows eval only in development, and upgrades requests only over https", () => {
    const csp = contentSecurityPolicy("n", { dev: true, https: false });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
});

describe("makeNonce", () => {
  it("is fresh each time and long enough", () => {
    const a = makeNonce();
    const b = makeNonce();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64")).toHaveLength(16);
  });
});
