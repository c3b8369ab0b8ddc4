// A production database gets what a campus needs to start, and nothing more, idempotently:
// the catalogue, the policies (from the migrations) and the first admin (no oidcSub yet).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEFAULT_PACKAGES } from "@/modules/packages/catalogue";
import { createFreshDatabase } from "@/dev/fresh-database";
import { applyMigrations } from "@/dev/migrate";
import { bootstrapCampus } from "./bootstrap";

let fresh: Awaited<ReturnType<typeof createFreshDatabase>>;
let db: PrismaClient;

beforeAll(async () => {
  fresh = await createFreshDatabase();
  await applyMigrations(fresh.url);
  db = createPrisma(fresh.url, 2);
});
afterAll(async () => {
  await db?.$disconnect();
  await fresh?.drop();
});

describe("bootstrapCampus", () => {
  it("creates the catalogue and the first admin, and nothing else", async () => {
    const r = await bootstrapCampus(db, { admin: "A20990001", adminName: "张老师" });
    expect(r).toEqual({ catalogue: "created", admin: "created" });
    expect((await db.package.findMany({ select: { code: true }, orderBy: { sortOrder: "asc" } })).map((p) => p.code)).toEqual(
      DEFAULT_PACKAGES.map((p) => p.code),
    );
    const users = await db.user.findMany({ select: { studentNo: true, name: true, role: true, oidcSub: true } });
    expect(users).toEqual([{ studentNo: "A20990001", name: "张老师", role: "ADMIN", oidcSub: null }]);
    expect(await db.quotaPolicy.count()).toBe(1);
    expect(await db.rechargePolicy.count()).toBe(1);
    expect(await db.dailyUsage.count()).toBe(0);
    expect(await db.rechargeOrder.count()).toBe(0);
  });

  it("is idempotent", async () => {
    const r = await bootstrapCampus(db, { admin: "A20990001" });
    expect(r).toEqual({ catalogue: "kept", admin: "exists" });
    expect(await db.user.count()).toBe(1);
    expect(await db.package.count()).toBe(DEFAULT_PACKAGES.length);
  });

  it("names no second admin from the environment once one exists", async () => {
    const r = await bootstrapCampus(db, { admin: "A20990002" });
    expect(r.admin).toBe("exists");
    expect(await db.user.findUnique({ where: { studentNo: "A20990002" } })).toBeNull();
  });

  it("keeps a catalogue the campus changed", async () => {
    await db.package.update({ where: { code: "P5" }, data: { active: false } });
    expect((await bootstrapCampus(db, {})).catalogue).toBe("kept");
    expect((await db.package.findUniqueOrThrow({ where: { code: "P5" } })).active).toBe(false);
  });

  it("makes an existing account an admin when asked on the command line (--admin), and audits it", async () => {
    const student = await db.user.create({ data: { studentNo: "2099010001", name: "学生", role: "STUDENT" }, select: { id: true } });
    const r = await bootstrapCampus(db, { admin: "2099010001", force: true });
    expect(r.admin).toBe("promoted");
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("ADMIN");
    expect(await db.auditLog.count({ where: { subjectId: student.id, action: "bootstrap.admin.promoted" } })).toBe(1);
    expect((await bootstrapCampus(db, { admin: "2099010001", force: true })).admin).toBe("already-admin");
  });
});

describe("npm run bootstrap", () => {
  it("runs as a command (the way npm start runs it) and is idempotent", async () => {
    const run = () =>
      promisify(execFile)("npm", ["run", "--silent", "bootstrap", "--", "--admin", "A20990009", "--name", "李老师"], {
        env: { ...process.env, DATABASE_URL: fresh.url, CAMPUSNET_FIRST_ADMIN: "" },
        timeout: 60_000,
      });
    const first = await run();
    expect(first.stdout).toContain("created the first admin A20990009");
    const second = await run();
    expect(second.stdout).toContain("admin already-admin");
    expect(await db.user.findUniqueOrThrow({ where: { studentNo: "A20990009" }, select: { role: true, name: true, oidcSub: true } })).toEqual({
      role: "ADMIN",
      name: "李老师",
      oidcSub: null,
    });
  });
});
