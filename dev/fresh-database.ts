// Integration tests that need a database of their own (a fresh campus, not the shared test
// database): a new database in the same throwaway cluster, dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

export async function createFreshDatabase(baseUrl = process.env.DATABASE_URL): Promise<{ url: string; drop(): Promise<void> }> {
  if (!baseUrl) throw new Error("DATABASE_URL is not set (the integration tier's global setup sets it)");
  const name = `fresh_${randomBytes(5).toString("hex")}`;
  const adminUrl = new URL(baseUrl);
  adminUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
