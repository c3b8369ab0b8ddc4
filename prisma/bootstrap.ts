// What a production database needs to start, and nothing more (decision 009): the
// package catalogue (when the campus has none yet), the policies (rows the migrations insert;
// checked here) and the first admin, named by 工号. Idempotent: run it on every start.
//
//   npm run bootstrap -- --admin A20150001 [--name 张老师]     (DATABASE_URL from the environment)
//   CAMPUSNET_FIRST_ADMIN=A20150001 npm start                    (npm start runs it by itself)
//
// The first admin is created without an OIDC subject: the first sign-in with that 工号 links
// the account. The environment variable only acts while the database has no admin, so an admin
// demoted later is not promoted back at the next restart; `--admin` on the command line is a
// deliberate act and makes that person an admin whatever the database holds.
import { existsSync } from "node:fs";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createUser, ensureCatalogue } from "@/dev/factory";
import { recordAudit } from "@/modules/audit/service";
import { isRunDirectly } from "@/dev/run-directly";

export interface BootstrapResult {
  catalogue: "created" | "kept";
  admin: "created" | "promoted" | "already-admin" | "exists" | "none";
}

export async function bootstrapCampus(
  db: PrismaClient,
  opts: { admin?: string; adminName?: string; force?: boolean; log?: (m: string) => void } = {},
): Promise<BootstrapResult> {
  const log = opts.log ?? (() => {});
  const result: BootstrapResult = { catalogue: "kept", admin: "none" };

  // A campus that removed or renamed packages keeps its catalogue: only an empty one is filled.
  if ((await db.package.count()) === 0) {
    await ensureCatalogue(db);
    result.catalogue = "created";
    log("bootstrap: created the package catalogue");
  }
  const [quota, recharge] = await Promise.all([db.quotaPolicy.count(), db.rechargePolicy.count()]);
  if (!quota || !recharge) throw new Error("bootstrap: the quota or recharge policy row is missing; the migrations insert them (npm run db:migrate)");

  const studentNo = opts.admin?.trim();
  const admins = await db.user.count({ where: { role: "ADMIN" } });
  if (!studentNo) {
    result.admin = admins ? "exists" : "none";
    if (!admins) log("bootstrap: no admin yet; set CAMPUSNET_FIRST_ADMIN=<工号> or run `npm run bootstrap -- --admin <工号>`");
    return result;
  }
  if (admins && !opts.force) {
    result.admin = "exists";
    return result;
  }
  const existing = await db.user.findUnique({ where: { studentNo }, select: { id: true, role: true } });
  if (existing?.role === "ADMIN") {
    result.admin = "already-admin";
  } else if (existing) {
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: existing.id }, data: { role: "ADMIN" } });
      await recordAudit({ actorId: null, subjectId: existing.id, action: "bootstrap.admin.promoted", data: { studentNo, from: existing.role } }, tx);
    });
    result.admin = "promoted";
    log(`bootstrap: ${studentNo} is now an admin`);
  } else {
    const user = await createUser(db, { studentNo, name: opts.adminName ?? "管理员", role: "ADMIN" });
    await db.$transaction((tx) => recordAudit({ actorId: null, subjectId: user.id, action: "bootstrap.admin.created", data: { studentNo } }, tx));
    result.admin = "created";
    log(`bootstrap: created the first admin ${studentNo}; the first sign-in with that 工号 links the account`);
  }
  return result;
}

if (isRunDirectly(import.meta.url)) {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const cliAdmin = arg("--admin");
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("bootstrap: DATABASE_URL is not set (the database to prepare; apply the migrations first with npm run db:migrate)");
    process.exit(1);
  }
  if (args.includes("--admin") && !cliAdmin) {
    console.error("bootstrap: --admin needs a 工号, e.g. npm run bootstrap -- --admin A20150001");
    process.exit(1);
  }
  const { createPrisma } = await import("@/lib/db");
  const db = createPrisma(url, 2);
  try {
    const r = await bootstrapCampus(db, {
      admin: cliAdmin ?? process.env.CAMPUSNET_FIRST_ADMIN,
      adminName: arg("--name") ?? process.env.CAMPUSNET_FIRST_ADMIN_NAME,
      force: Boolean(cliAdmin),
      log: (m) => console.log(`[campusnet] ${m}`),
    });
    console.log(`[campusnet] bootstrap: catalogue ${r.catalogue}, admin ${r.admin}`);
  } catch (e) {
    console.error(`[campusnet] ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}
