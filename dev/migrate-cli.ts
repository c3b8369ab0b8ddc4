// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (from the environment or
// .env) with the offline runner in dev/migrate.ts. Where Prisma's engine binary can be
// downloaded, `npx prisma migrate deploy` does the same job on the same database.
import { existsSync } from "node:fs";
import { applyMigrations } from "./migrate";

if (existsSync(".env")) process.loadEnvFile(".env");

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (in the environment or .env). Nothing to migrate.");
  process.exit(1);
}

try {
  const { applied } = await applyMigrations(url, { log: (m) => console.log(m) });
  console.log(applied.length ? `Database is up to date (${applied.length} applied).` : "Database is up to date.");
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
