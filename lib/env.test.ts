import { afterEach, describe, expect, it, vi } from "vitest";
import { CLOCK_PRODUCTION_ACK, DEV_DEFAULTS, productionProblems, refusalMessage, runMode, SANDBOX_PRODUCTION_ACK } from "./env";
import { COMPLETE_PRODUCTION_ENV } from "./env.fixtures";

const complete = { ...COMPLETE_PRODUCTION_ENV } as NodeJS.ProcessEnv;

describe("runMode", () => {
  it("tells development, demo, production and the build apart", () => {
    expect(runMode({ NODE_ENV: "development" } as NodeJS.ProcessEnv)).toBe("development");
    expect(runMode({ NODE_ENV: "test" } as NodeJS.ProcessEnv)).toBe("development");
    expect(runMode({ NODE_ENV: "production" } as NodeJS.ProcessEnv)).toBe("production");
    expect(runMode({ NODE_ENV: "production", CAMPUSNET_MODE: "demo" } as NodeJS.ProcessEnv)).toBe("demo");
    expect(runMode({ CAMPUSNET_MODE: "production" } as unknown as NodeJS.ProcessEnv)).toBe("production");
    expect(runMode({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" } as NodeJS.ProcessEnv)).toBe("build");
  });
});

describe("productionProblems", () => {
  it("accepts a complete configuration", () => {
    expect(productionProblems(complete)).toEqual([]);
  });

  it("lists every missing setting at once", () => {
    const problems = productionProblems({ NODE_ENV: "production" } as NodeJS.ProcessEnv);
    const names = problems.map((p) => p.split(" ")[0]);
    expect(names).toEqual([
      "DATABASE_URL",
      "NEXTAUTH_URL",
      "NEXTAUTH_SECRET",
      "OIDC_ISSUER",
      "OIDC_CLIENT_ID",
      "OIDC_CLIENT_SECRET",
      "RADIUS_SHARED_SECRET",
      "PAYMENTS_CRON_SECRET",
      "RADIUS_SWEEP_SECRET",
      "VAPID_PUBLIC_KEY",
      "VAPID_PRIVATE_KEY",
      "VAPID_SUBJECT",
    ]);
    const message = refusalMessage(problems);
    for (const n of names) expect(message).toContain(`  - ${n} is missing`);
    expect(message).toContain("npm run demo");
  });

  it("refuses the public development secrets and the development IdP", () => {
    for (const name of ["NEXTAUTH_SECRET", "OIDC_CLIENT_SECRET", "RADIUS_SHARED_SECRET", "PAYMENTS_CRON_SECRET", "RADIUS_SWEEP_SECRET"] as const) {
      expect(productionProblems({ ...complete, [name]: DEV_DEFAULTS[name] })).toEqual([
        expect.stringMatching(new RegExp(`^${name} is a public development default`)),
      ]);
    }
    // any public value, not only the variable's own default
    expect(productionProblems({ ...complete, PAYMENTS_CRON_SECRET: DEV_DEFAULTS.RADIUS_SHARED_SECRET })).toHaveLength(1);
    expect(productionProblems({ ...complete, OIDC_ISSUER: DEV_DEFAULTS.OIDC_ISSUER })).toEqual([
      expect.stringMatching(/^OIDC_ISSUER is a public development default/),
    ]);
  });

  it("wants the VAPID settings for Web Push, or an explicit WEB_PUSH=off", () => {
    const { VAPID_PUBLIC_KEY: _p, VAPID_PRIVATE_KEY: _k, VAPID_SUBJECT: _s, ...noPush } = complete;
    expect(productionProblems(noPush).map((p) => p.split(" ")[0])).toEqual(["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"]);
    expect(productionProblems(noPush)[0]).toContain("WEB_PUSH=off");
    expect(productionProblems({ ...noPush, WEB_PUSH: "off" })).toEqual([]);
    expect(productionProblems({ ...noPush, WEB_PUSH: "on" })).toHaveLength(3);
    expect(productionProblems({ ...complete, VAPID_PUBLIC_KEY: "short" })).toEqual([expect.stringMatching(/^VAPID_PUBLIC_KEY is invalid/)]);
    expect(productionProblems({ ...complete, VAPID_PRIVATE_KEY: complete.VAPID_PUBLIC_KEY })).toEqual([expect.stringMatching(/^VAPID_PRIVATE_KEY is invalid/)]);
    expect(productionProblems({ ...complete, VAPID_SUBJECT: "netcenter" })).toEqual([expect.stringMatching(/^VAPID_SUBJECT is invalid/)]);
    // the dedicated RADIUS server sends no push
    expect(
      productionProblems(
        { NODE_ENV: "production", DATABASE_URL: complete.DATABASE_URL, RADIUS_SHARED_SECRET: complete.RADIUS_SHARED_SECRET } as NodeJS.ProcessEnv,
        { DATABASE_URL: "x", RADIUS_SHARED_SECRET: "y" },
      ),
    ).toEqual([]);
  });

  it("wants a sweep secret apart from the cron secret", () => {
    expect(productionProblems({ ...complete, RADIUS_SWEEP_SECRET: complete.PAYMENTS_CRON_SECRET })).toEqual([
      "RADIUS_SWEEP_SECRET must differ from PAYMENTS_CRON_SECRET",
    ]);
  });

  it("refuses the settable clock", () => {
    expect(productionProblems({ ...complete, CAMPUSNET_NOW: "2026-12-01T00:30:00+08:00" })).toEqual([expect.stringMatching(/^CAMPUSNET_NOW is set/)]);
    expect(productionProblems({ ...complete, CAMPUSNET_NOW: "2026-12-01T00:30:00+08:00", CAMPUSNET_NOW_IN_PRODUCTION: "yes" })).toEqual([
      expect.stringMatching(/^CAMPUSNET_NOW is set/),
    ]);
    // …unless acknowledged, as the e2e stack does to test production on any date.
    expect(productionProblems({ ...complete, CAMPUSNET_NOW: "2026-12-01T00:30:00+08:00", CAMPUSNET_NOW_IN_PRODUCTION: CLOCK_PRODUCTION_ACK })).toEqual([]);
  });

  it("refuses the sandbox gateway unless acknowledged", () => {
    expect(productionProblems({ ...complete, SANDBOX_GATEWAY: "on" })).toEqual([expect.stringMatching(/^SANDBOX_GATEWAY=on/)]);
    expect(productionProblems({ ...complete, SANDBOX_GATEWAY: "on", SANDBOX_GATEWAY_IN_PRODUCTION: "yes" })).toHaveLength(1);
    expect(productionProblems({ ...complete, SANDBOX_GATEWAY: "on", SANDBOX_GATEWAY_IN_PRODUCTION: SANDBOX_PRODUCTION_ACK })).toEqual([]);
    expect(productionProblems({ ...complete, SANDBOX_GATEWAY: "off" })).toEqual([]);
  });
});

describe("loading lib/env", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("throws one message listing everything under production", async () => {
    for (const k of Object.keys(complete)) vi.stubEnv(k, "");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CAMPUSNET_MODE", "production");
    vi.stubEnv("NEXTAUTH_SECRET", "short");
    vi.resetModules();
    const err = await import("./env").then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.name).toBe("EnvironmentError");
    expect(err?.message).toMatch(/^campusnet refuses to start in production/);
    expect(err?.message).toContain("DATABASE_URL is missing");
    expect(err?.message).toContain("RADIUS_SWEEP_SECRET is missing");
    expect(err?.message).toContain("NEXTAUTH_SECRET is invalid");
  });

  it("keeps the development defaults in the demo", async () => {
    for (const k of Object.keys(complete)) vi.stubEnv(k, undefined as unknown as string);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CAMPUSNET_MODE", "demo");
    vi.resetModules();
    const mod = await import("./env");
    expect(mod.currentMode()).toBe("demo");
    expect(mod.env.NEXTAUTH_SECRET).toBe(DEV_DEFAULTS.NEXTAUTH_SECRET);
    expect(mod.env.SANDBOX_GATEWAY).toBe("on");
    expect(mod.radiusSharedSecret()).toBe(DEV_DEFAULTS.RADIUS_SHARED_SECRET);
  });
});
