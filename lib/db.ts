// Prisma client over node-postgres (Prisma 7 driver adapter). Only service.ts files,
// the seed/factory and tests import this.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";

export type Db = PrismaClient;

export function createPrisma(url = databaseUrl(), max = 10): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

const globalForPrisma = globalThis as unknown as { campusnetPrisma?: PrismaClient };

/** Lazily created so importing a module never needs a database. */
export function db(): PrismaClient {
  globalForPrisma.campusnetPrisma ??= createPrisma();
  return globalForPrisma.campusnetPrisma;
}

export { Prisma } from "@/lib/generated/prisma/client";
