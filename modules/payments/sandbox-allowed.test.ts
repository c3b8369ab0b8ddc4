// The sandbox gateway credits money nobody paid: refused under production unless acknowledged,
// and never offered beside a real gateway (issue 7, security review).
import { afterEach, describe, expect, it, vi } from "vitest";
import { SANDBOX_PRODUCTION_ACK } from "@/lib/env";

const production = {
  NODE_ENV: "production",
  CAMPUSNET_MODE: "production",
  DATABASE_URL: "postgresql://campusnet:pw@127.0.0.1:5432/campusnet",
  NEXTAUTH_URL: "https://net.example.edu",
  NEXTAUTH_SECRET: "a-real-secret-0123456789abcdefghij",
  OIDC_ISSUER: "https://sso.example.edu/oidc",
  OIDC_CLIENT_ID: "campusnet",
  OIDC_CLIENT_SECRET: "client-secret-from-the-sso-team",
  RADIUS_SHARED_SECRET: "radius-secret-0123456789",
  PAYMENTS_CRON_SECRET: "cron-secret-0123456789",
  RADIUS_SWEEP_SECRET: "sweep-secret-0123456789",
};

async function load(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v as string);
  vi.resetModules();
  const g = globalThis as unknown as { campusnetGateways?: Map<unknown, unknown> };
  g.campusnetGateways?.clear();
  return import("./gateways");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  (globalThis as unknown as { campusnetGateways?: Map<unknown, unknown> }).campusnetGateways?.clear();
});

describe("the sandbox gateway", () => {
  it("is offered in development", async () => {
    const m = await load({ NODE_ENV: "test", CAMPUSNET_MODE: undefined, SANDBOX_GATEWAY: undefined, WECHATPAY_MCHID: undefined, ALIPAY_APP_ID: undefined });
    expect(m.sandboxAllowed()).toBe(true);
    expect(m.availableChannels()).toContain("SANDBOX");
  });

  it("is off in production by default", async () => {
    const m = await load({ ...production, SANDBOX_GATEWAY: undefined });
    expect(m.sandboxAllowed()).toBe(false);
    expect(m.getGateway("SANDBOX")).toBeNull();
  });

  it("runs in production only when acknowledged", async () => {
    const m = await load({ ...production, SANDBOX_GATEWAY: "on", SANDBOX_GATEWAY_IN_PRODUCTION: SANDBOX_PRODUCTION_ACK });
    expect(m.sandboxAllowed()).toBe(true);
  });

  it("is never offered beside a real gateway, in any mode", async () => {
    for (const real of [{ WECHATPAY_MCHID: "1900000001" }, { ALIPAY_APP_ID: "2021000000000001" }]) {
      const dev = await load({ NODE_ENV: "test", CAMPUSNET_MODE: undefined, SANDBOX_GATEWAY: "on", ...real });
      expect(dev.sandboxAllowed()).toBe(false);
      expect(dev.availableChannels()).not.toContain("SANDBOX");
      vi.unstubAllEnvs();
      const prod = await load({ ...production, SANDBOX_GATEWAY: "on", SANDBOX_GATEWAY_IN_PRODUCTION: SANDBOX_PRODUCTION_ACK, ...real });
      expect(prod.sandboxAllowed()).toBe(false);
      vi.unstubAllEnvs();
    }
  });
});
