// The sandbox gateway credits money nobody paid: refused under production unless acknowledged,
// and never offered beside a real gateway (lib/env.ts, decision 009).
import { afterEach, describe, expect, it, vi } from "vitest";
import { SANDBOX_PRODUCTION_ACK } from "@/lib/env";
import { COMPLETE_PRODUCTION_ENV } from "@/lib/env.fixtures";

// CAMPUSNET_NOW unset: the suite may run with the clock set (CI on a chosen date), which production refuses.
const production = { ...COMPLETE_PRODUCTION_ENV, CAMPUSNET_MODE: "production", CAMPUSNET_NOW: undefined };

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
