// The demo campus shows the forecast (README "Demo accounts"): 何静 (2023010030) runs out before
// the month ends at her pace, 张三 (2023010001, a live package) lasts the month. Seeded at a few
// instants into databases of their own, read with the same rule the home page uses.
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, makeTempDir, startEmbeddedPostgres, type RunningPostgres } from "@/dev/embedded-pg";
import { applyMigrations } from "@/dev/migrate";
import { seedDemoCampus } from "@/dev/demo-campus";
import { dayKey, monthKey } from "@/lib/time";
import { holdingIsLive } from "@/modules/quota/rules";
import { forecast, PACE_WINDOW_DAYS } from "./rules";

const instants = ["2026-12-01T00:30:00+08:00", "2026-12-10T12:00:00+08:00", "2027-01-01T00:30:00+08:00"];
let server: RunningPostgres;
let dir: string;
const clients = new Map<string, pg.Client>();

beforeAll(async () => {
  dir = makeTempDir("campusnet-forecast-demo-");
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  for (const [i, at] of instants.entries()) {
    await admin.query(`CREATE DATABASE forecast_${i}`);
    const url = new URL(server.url);
    url.pathname = `/forecast_${i}`;
    await applyMigrations(url.toString());
    await seedDemoCampus(url.toString(), { students: 4, now: new Date(at) });
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    clients.set(at, c);
  }
  await admin.end();
}, 180_000);
afterAll(async () => {
  for (const c of clients.values()) await c.end();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function forecastOf(at: string, studentNo: string) {
  const c = clients.get(at)!;
  const now = new Date(at);
  const u = (await c.query(`SELECT "id", "createdAt" FROM "users" WHERE "studentNo" = $1`, [studentNo])).rows[0];
  const from = dayKey(new Date(now.getTime() - PACE_WINDOW_DAYS * 86_400_000));
  const usage = (
    await c.query(
      `SELECT to_char("day", 'YYYY-MM-DD') AS day, ("uploadBytes" + "downloadBytes")::text AS bytes FROM "daily_usage" WHERE "userId" = $1 AND "day" >= $2::date`,
      [u.id, from],
    )
  ).rows.map((r) => ({ day: r.day as string, bytes: BigInt(r.bytes) }));
  const mq = (await c.query(`SELECT "freeBytes", "freeUsedBytes" FROM "monthly_quotas" WHERE "userId" = $1 AND "month" = $2`, [u.id, monthKey(now)])).rows[0];
  const free = mq ? BigInt(mq.freeBytes) - BigInt(mq.freeUsedBytes) : 20n * 1024n ** 3n;
  const holdings = (
    await c.query(`SELECT "state", "quotaBytes", "usedBytes", "expiresAt" FROM "package_holdings" WHERE "userId" = $1 AND "state" = 'ACTIVE'`, [u.id])
  ).rows
    .map((h) => ({ state: h.state as string, quotaBytes: BigInt(h.quotaBytes), usedBytes: BigInt(h.usedBytes), expiresAt: h.expiresAt as Date }))
    .filter((h) => holdingIsLive(h, now));
  const pkg = holdings.reduce((s, h) => s + h.quotaBytes - h.usedBytes, 0n);
  const packages = (await c.query(`SELECT "id", "code", "nameZh", "nameEn", "priceFen", "quotaBytes" FROM "packages" WHERE "active"`)).rows.map((p) => ({
    ...p,
    priceFen: BigInt(p.priceFen),
    quotaBytes: BigInt(p.quotaBytes),
  }));
  return forecast({ now, usage, historySince: u.createdAt, remainingBytes: free + pkg, packages });
}

describe("demo campus forecast personas", () => {
  it.each(instants)("at %s: 何静 runs out before the month ends (with a package to buy), 张三 lasts", async (at) => {
    const he = await forecastOf(at, "2023010030");
    expect(he.kind).toBe("RUNS_OUT");
    if (he.kind === "RUNS_OUT") {
      expect(monthKey(he.runOutAt)).toBe(monthKey(new Date(at)));
      expect(he.advice.kind).toBe("BUY");
    }
    expect((await forecastOf(at, "2023010001")).kind).toBe("LASTS");
  });
});
