// `npm run db:seed`: seed the demo campus into DATABASE_URL (an empty, migrated database).
import { existsSync } from "node:fs";
import { seedDemoCampus } from "@/dev/demo-campus";

if (existsSync(".env")) process.loadEnvFile(".env");
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm run dev` starts an embedded PostgreSQL and seeds it by itself.");
  process.exit(1);
}
const students = Number(process.env.SEED_STUDENTS ?? 2000);
await seedDemoCampus(url, { students, log: console.log });
