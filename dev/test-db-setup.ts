// Vitest global setup for the integration tier: a throwaway embedded PostgreSQL (or the
// DATABASE_URL given), migrated once. Each test makes its own rows with the factory.
import { rmSync } from "node:fs";
import path from "node:path";
import { freePort, makeTempDir, startEmbeddedPostgres } from "./embedded-pg";
import { applyMigrations } from "./migrate";

export default async function setup() {
  if (process.env.TEST_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    await applyMigrations(process.env.DATABASE_URL);
    return async () => {};
  }
  const dir = makeTempDir("campusnet-int-");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false });
  process.env.DATABASE_URL = pg.url;
  await applyMigrations(pg.url);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
