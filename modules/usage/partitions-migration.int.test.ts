// The usage_partitions migration on a database that already has usage: every row lands in its
// month's partition, keys and checks keep their names (decision 014).
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createFreshDatabase } from "@/dev/fresh-database";
import { applyMigrations } from "@/dev/migrate";

const MIGRATIONS = path.resolve("prisma/migrations");
const FIRST_PARTITIONED = "20261201034835_session_history";

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanups.reverse()) await f();
});

describe("usage_partitions migration", () => {
  it("moves existing daily and device rollups into month partitions", async () => {
    const fresh = await createFreshDatabase();
    cleanups.push(() => fresh.drop());
    const before = mkdtempSync(path.join(tmpdir(), "campusnet-mig-"));
    cleanups.push(() => rmSync(before, { recursive: true, force: true }));
    cpSync(path.join(MIGRATIONS, "migration_lock.toml"), path.join(before, "migration_lock.toml"));
    for (const d of readdirSync(MIGRATIONS).filter((n) => /^\d{14}_/.test(n) && n < FIRST_PARTITIONED))
      cpSync(path.join(MIGRATIONS, d), path.join(before, d), { recursive: true });
    await applyMigrations(fresh.url, { migrationsDir: before });

    const c = new pg.Client({ connectionString: fresh.url });
    await c.connect();
    cleanups.push(() => c.end());
    const [{ id }] = (
      await c.query<{ id: string }>(
        `INSERT INTO "users" ("id", "studentNo", "name", "updatedAt") VALUES (gen_random_uuid(), 'M0001', '迁移', now()) RETURNING "id"`,
      )
    ).rows as [{ id: string }];
    await c.query(
      `INSERT INTO "daily_usage" VALUES ($1, '2020-03-31', 1, 2), ($1, '2020-04-01', 3, 4), ($1, (now() AT TIME ZONE 'Asia/Shanghai')::date, 5, 6)`,
      [id],
    );
    await c.query(`INSERT INTO "device_daily_usage" VALUES ($1, '02:00:00:00:00:01', '2020-03-31', 7, 8)`, [id]);

    const { applied } = await applyMigrations(fresh.url);
    expect(applied).toContain("20261201034907_usage_partitions");

    const rows = await c.query<{ part: string; day: string; up: string }>(
      `SELECT tableoid::regclass::text AS part, to_char("day", 'YYYY-MM-DD') AS day, "uploadBytes"::text AS up FROM "daily_usage" ORDER BY "day"`,
    );
    const thisMonth = (await c.query<{ m: string }>(`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY_MM') AS m`)).rows[0]!.m;
    expect(rows.rows.map((r) => [r.part, r.up])).toEqual([
      ["daily_usage_2020_03", "1"],
      ["daily_usage_2020_04", "3"],
      [`daily_usage_${thisMonth}`, "5"],
    ]);
    expect((await c.query(`SELECT tableoid::regclass::text AS part FROM "device_daily_usage"`)).rows).toEqual([{ part: "device_daily_usage_2020_03" }]);
    // the old tables are gone; the names Prisma and the checks use are the partitioned tables'
    const names = (
      await c.query<{ name: string }>(
        `SELECT conname AS name FROM pg_constraint WHERE conrelid IN ('daily_usage'::regclass, 'device_daily_usage'::regclass, 'radius_session_history'::regclass) AND contype <> 'n' ORDER BY 1`,
      )
    ).rows.map((r) => r.name);
    expect(names).toEqual([
      "daily_usage_non_negative",
      "daily_usage_pkey",
      "daily_usage_userId_fkey",
      "device_daily_usage_non_negative",
      "device_daily_usage_pkey",
      "radius_session_history_octets",
      "radius_session_history_pkey",
    ]);
    expect((await c.query(`SELECT to_regclass('daily_usage_unpartitioned') AS t`)).rows[0]).toEqual({ t: null });
    // a negative total is still refused, in every partition
    await expect(c.query(`INSERT INTO "daily_usage" VALUES ($1, '2020-03-01', -1, 0)`, [id])).rejects.toThrow(/daily_usage_non_negative/);
    // partitions for this month and the next 3 exist before any job ran
    const parts = (await c.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM pg_inherits WHERE inhparent = 'radius_session_history'::regclass`)).rows[0]!.n;
    expect(parts).toBeGreaterThanOrEqual(13 + 1 + 3 + 1);
  });
});
