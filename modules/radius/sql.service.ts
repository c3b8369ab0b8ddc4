import "server-only";
// The accounting hot path's own connection pool: node-postgres directly, not through Prisma's
// query engine. A RADIUS accounting batch is a dozen set-based statements; through Prisma's
// interactive transactions each costs ~0.4 ms of CPU in this process, through `pg` a fraction
// of that, which decides how many packets per second one app process absorbs on a small
// machine (docs/decisions/005-radius-accounting-hot-path.md). The statements are written as
// the same tagged templates Prisma's $queryRaw takes, so the quota code runs on either.
import pg from "pg";
import { databaseUrl, env } from "@/lib/env";

/** What both a Prisma transaction client and SqlTx offer: tagged-template raw SQL. */
export interface RawSql {
  $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
  $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

const INT8 = 20;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (v: string) => BigInt(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function param(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  // ISO strings: exact instants for timestamptz, the written date for ::date, whatever the process TZ
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(param);
  return v;
}

/**
 * Every statement of the hot path is a fixed template, so each is a named prepared statement:
 * PostgreSQL parses it once per connection, and (plan_cache_mode, below) plans it once, instead of
 * parsing and planning a dozen multi-row statements per accounting batch. The template object is
 * the same on every call from one call site, so its text and name are computed once.
 */
const compiled = new WeakMap<TemplateStringsArray, { text: string; name: string }>();
const names = new Map<string, string>();

function compile(strings: TemplateStringsArray, values: unknown[]): pg.QueryConfig {
  let c = compiled.get(strings);
  if (!c) {
    let text = strings[0]!;
    for (let i = 1; i < strings.length; i++) text += `$${i}${strings[i]}`;
    let name = names.get(text);
    if (!name) names.set(text, (name = `campusnet_${names.size + 1}`));
    compiled.set(strings, (c = { text, name }));
  }
  return { text: c.text, name: c.name, values: values.map(param), types };
}

export class SqlTx implements RawSql {
  constructor(private readonly client: pg.PoolClient) {}
  async $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T> {
    return (await this.client.query(compile(strings, values))).rows as T;
  }
  async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
    return (await this.client.query(compile(strings, values))).rowCount ?? 0;
  }
}

const globalForPool = globalThis as unknown as { campusnetRadiusPool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForPool.campusnetRadiusPool) {
    const p = new pg.Pool({
      connectionString: databaseUrl(),
      max: env.RADIUS_DB_POOL_MAX,
      application_name: "campusnet-radius",
      // A generic plan from the first execution on: the statements look up rows by key or by
      // arrays of keys (unnest / ANY), whose best plan does not depend on the values.
      options: "-c plan_cache_mode=force_generic_plan",
    });
    p.on("error", (e) => console.error("[radius] idle database connection failed:", e.message));
    globalForPool.campusnetRadiusPool = p;
  }
  return globalForPool.campusnetRadiusPool;
}

/** Run `fn` in a READ COMMITTED transaction on the hot-path pool; rolled back if it throws. */
export async function sqlTransaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const out = await fn(new SqlTx(client));
    await client.query("COMMIT");
    return out;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** One statement outside a transaction. */
export function sql(): RawSql {
  return {
    $queryRaw: async <T>(strings: TemplateStringsArray, ...values: unknown[]) => (await pool().query(compile(strings, values))).rows as T,
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => (await pool().query(compile(strings, values))).rowCount ?? 0,
  };
}

/** Close the pool (the RADIUS server's shutdown); the next query opens a new one. */
export async function closeSqlPool(): Promise<void> {
  const p = globalForPool.campusnetRadiusPool;
  globalForPool.campusnetRadiusPool = undefined;
  await p?.end();
}
