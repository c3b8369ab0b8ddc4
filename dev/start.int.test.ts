// `npm start` is production: without its settings it refuses, listing every missing one, and
// touches no database (no migration, no seed). Decision 009.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRODUCTION_REQUIRED } from "@/lib/env";
import { createFreshDatabase } from "./fresh-database";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Runs `npm start` with only the given environment (plus what finding node needs). */
function npmStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["start"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

let fresh: Awaited<ReturnType<typeof createFreshDatabase>>;
beforeAll(async () => {
  fresh = await createFreshDatabase();
});
afterAll(async () => {
  await fresh?.drop();
});

describe("npm start without configuration", () => {
  it("exits non-zero with one message listing every missing setting", async () => {
    const { code, output } = await npmStart({});
    expect(code).not.toBe(0);
    expect(output).toContain("campusnet refuses to start in production");
    for (const name of Object.keys(PRODUCTION_REQUIRED)) expect(output).toContain(`  - ${name} is missing`);
    expect(output).toContain("npm run demo");
    expect(output).not.toMatch(/^undefined$/m);
    expect(output).not.toContain("embedded PostgreSQL"); // it started nothing
  });

  it("refuses demo-only settings too, and leaves the database it was given untouched", async () => {
    const { code, output } = await npmStart({
      DATABASE_URL: fresh.url,
      NEXTAUTH_URL: "http://localhost:39998",
      NEXTAUTH_SECRET: "campusnet-development-secret-do-not-use-in-production",
      CAMPUSNET_NOW: "2026-12-01T00:30:00+08:00",
      SANDBOX_GATEWAY: "on",
    });
    expect(code).not.toBe(0);
    expect(output).toContain("NEXTAUTH_SECRET is a public development default");
    expect(output).toContain("CAMPUSNET_NOW is set");
    expect(output).toContain("SANDBOX_GATEWAY=on");
    expect(output).toContain("OIDC_ISSUER is missing");
    expect(output).not.toContain("DATABASE_URL is missing");
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    await client.end();
    expect(rows[0].n).toBe(0); // not migrated, not seeded
  });
});
