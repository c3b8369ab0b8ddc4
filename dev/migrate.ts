// Applies prisma/migrations/<dir>/migration.sql in lexical order, keeping Prisma's own
// bookkeeping (`_prisma_migrations`) exactly as `prisma migrate deploy` does, so that the
// real `prisma migrate deploy` accepts the database wherever its engine binary can be
// fetched. Uses `pg` directly. See docs/decisions/001-offline-migrations.md.
//
// Compared with `prisma migrate deploy` (schema-engine core/src/commands/apply_migrations.rs):
// - same table, columns and types; same row contents (uuid id, sha256 hex checksum,
//   started_at, finished_at, applied_steps_count = 1, logs on failure);
// - same advisory lock key (72707369), so this runner and Prisma's exclude each other;
// - same refusal when a migration is recorded as failed and not rolled back;
// - stricter: refuses when an applied migration's migration.sql no longer matches its
//   recorded checksum (Prisma only reports that in `migrate status` / `migrate dev`);
// - each migration runs in one transaction together with its bookkeeping row, so a failed
//   migration leaves no trace in the schema. The failed attempt is still recorded, with
//   its error in `logs` and `rolled_back_at` set, which is what it is: rolled back.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const DEFAULT_MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma", "migrations");

/** Prisma Migrate's advisory lock key (sql-schema-connector/src/flavour/postgres.rs). */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** Prisma's DDL for PostgreSQL, verbatim apart from IF NOT EXISTS. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface ApplyOptions {
  log?: (msg: string) => void;
  /** Defaults to prisma/migrations of this repository. */
  migrationsDir?: string;
  /** How long to wait for another migrator holding the lock (default 120 s). */
  lockTimeoutMs?: number;
}

export interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

/** sha256 of the script, lowercase hex: Prisma's `render_checksum`. */
export function migrationChecksum(script: string | Buffer): string {
  return createHash("sha256").update(script).digest("hex");
}

/**
 * Prisma's `script_matches_checksum`: tolerant of CRLF/LF conversion (git on Windows) and
 * of the non-zero-padded checksums written by old engines (prisma-engines#1887).
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\n/g, "\r\n")];
  return variants.some((v) => {
    const digest = createHash("sha256").update(v).digest();
    const rendered = checksum.length !== 0 && checksum.length !== 64 ? Array.from(digest, (b) => b.toString(16)).join("") : digest.toString("hex");
    return rendered === checksum;
  });
}

/** The migrations `prisma migrate deploy` would see, in the order it applies them. */
export function readLocalMigrations(migrationsDir = DEFAULT_MIGRATIONS_DIR): LocalMigration[] {
  if (!existsSync(migrationsDir)) return [];
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (existsSync(lock)) {
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(readFileSync(lock, "utf8"))?.[1];
    if (provider !== "postgresql") {
      throw new Error(`${lock}: provider is "${provider}", but this runner only applies PostgreSQL migrations`);
    }
  }
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b)) // the comparator of Prisma's CLI (listMigrations)
    .map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`Migration ${name} has no migration.sql (${file})`);
      const bytes = readFileSync(file);
      return { name, script: bytes.toString("utf8"), checksum: migrationChecksum(bytes) };
    });
}

/** pg ignores Prisma's `?schema=` parameter; honour it through search_path like Prisma. */
function connectionConfig(databaseUrl: string): { connectionString: string; schema: string } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? "public";
  url.searchParams.delete("schema");
  return { connectionString: url.toString(), schema };
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

function describeError(err: unknown, script: string): string {
  const e = err as { message?: string; code?: string; position?: string; detail?: string; hint?: string };
  let msg = e.message ?? String(err);
  if (e.code) msg += ` (SQLSTATE ${e.code})`;
  const pos = e.position ? Number(e.position) : NaN;
  if (Number.isFinite(pos)) {
    const line = script.slice(0, pos - 1).split("\n").length;
    msg += `\n  at line ${line}: ${script.split("\n")[line - 1]?.trim() ?? ""}`;
  }
  if (e.detail) msg += `\n  detail: ${e.detail}`;
  if (e.hint) msg += `\n  hint: ${e.hint}`;
  return msg;
}

async function acquireLock(client: pg.Client, timeoutMs: number, log: (m: string) => void) {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    const r = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [PRISMA_ADVISORY_LOCK_KEY]);
    if (r.rows[0]?.locked) return;
    if (!announced) {
      log("waiting for another migrator (advisory lock 72707369)...");
      announced = true;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for the migration advisory lock (${PRISMA_ADVISORY_LOCK_KEY}); is another migration running?`);
    }
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
  }
}

export async function applyMigrations(databaseUrl: string, opts: ApplyOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const local = readLocalMigrations(opts.migrationsDir);
  const { connectionString, schema } = connectionConfig(databaseUrl);
  const client = new pg.Client({ connectionString, application_name: "campusnet-migrate" });
  await client.connect();
  let locked = false;
  try {
    await acquireLock(client, opts.lockTimeoutMs ?? 120_000, log);
    locked = true;
    const ns = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
    if (ns.rowCount === 0) await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    await client.query(CREATE_MIGRATIONS_TABLE);

    const { rows } = await client.query<MigrationRow>(
      `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
         FROM _prisma_migrations ORDER BY started_at ASC`,
    );

    const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed.length > 0) {
      const details = failed
        .map(
          (r) =>
            `The \`${r.migration_name}\` migration started at ${r.started_at.toISOString()} failed${r.logs?.trim() ? ` with the following logs:\n${r.logs.trim()}` : ""}`,
        )
        .join("\n");
      throw new Error(
        `Refusing to migrate: the database has failed migrations (Prisma P3009).\n${details}\n` +
          `Repair the database by hand, then mark the migration rolled back ` +
          `(\`prisma migrate resolve --rolled-back <name>\`, or UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = '<id>').`,
      );
    }

    const live = rows.filter((r) => r.rolled_back_at === null);
    const byName = new Map(local.map((m) => [m.name, m]));
    const edited = live.filter((r) => {
      const m = byName.get(r.migration_name);
      return m !== undefined && !scriptMatchesChecksum(m.script, r.checksum);
    });
    if (edited.length > 0) {
      throw new Error(
        `Refusing to migrate: applied migration(s) were modified after they were applied: ` +
          edited.map((r) => `${r.migration_name} (recorded checksum ${r.checksum}, file now ${byName.get(r.migration_name)!.checksum})`).join(", ") +
          `. Restore the original migration.sql and put the change in a new migration.`,
      );
    }
    const localNames = new Set(local.map((m) => m.name));
    for (const r of live) {
      if (!localNames.has(r.migration_name)) log(`warning: ${r.migration_name} is applied but missing from the migrations directory`);
    }

    const appliedNames = new Set(live.map((r) => r.migration_name));
    const pending = local.filter((m) => !appliedNames.has(m.name));
    if (pending.length === 0) log("No pending migrations.");

    const applied: string[] = [];
    for (const m of pending) {
      log(`Applying ${m.name}`);
      const id = randomUUID();
      let transactionLost = false;
      // A previous script may have changed it for the session (a plain SET outlives COMMIT).
      await client.query(`SET search_path TO ${quoteIdent(schema)}`);
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 0)`,
          [id, m.checksum, m.name],
        );
        // No parameters: the simple query protocol, so the file may hold many statements.
        await client.query(m.script);
        // Fails (25P01) if the script ended the runner's transaction with its own COMMIT.
        await client.query("SAVEPOINT campusnet_migrate_check").catch((err: unknown) => {
          transactionLost = true;
          throw new Error(`${m.name} ended the runner's transaction: a migration must not contain BEGIN/COMMIT (${(err as Error).message})`);
        });
        await client.query(`UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1`, [id]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        const logs = describeError(err, m.script);
        if (transactionLost) {
          // Part of the script was committed, with the "started" row: that row now says
          // "failed", exactly as `prisma migrate deploy` would leave it. Repair by hand.
          await client.query("UPDATE _prisma_migrations SET logs = $2 WHERE id = $1", [id, logs]).catch(() => {});
          throw new Error(`Migration ${m.name} failed after committing part of its work; it is recorded as failed:\n${logs}`, { cause: err });
        }
        // Nothing of it remains: record the attempt as failed and rolled back (an audit
        // trail that, like a `migrate resolve --rolled-back`, does not block a retry).
        await client
          .query(
            `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count)
             VALUES ($1, $2, $3, $4, now(), now(), 0)`,
            [randomUUID(), m.checksum, m.name, logs],
          )
          .catch(() => {});
        throw new Error(`Migration ${m.name} failed and was rolled back:\n${logs}`, { cause: err });
      }
      applied.push(m.name);
    }
    if (applied.length > 0) log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
    return { applied };
  } finally {
    if (locked) await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}
