// The audit trail: one writer (recordAudit), staff reads of personal data written to it, and
// the table append-only in PostgreSQL itself (migration 20261201004200_audit_log_append_only).
import { afterAll, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { db } from "@/lib/db";
import { readUserForStaff, searchUsers } from "@/modules/accounts/service";
import { listAudit, recordAudit } from "./service";

afterAll(async () => {
  await db().$disconnect();
});

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back; returns what `fn` threw (or null). */
async function inRolledBackTx(fn: (tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0]) => Promise<unknown>): Promise<unknown> {
  let inner: unknown = null;
  await db()
    .$transaction(async (tx) => {
      try {
        await fn(tx);
      } catch (e) {
        inner = e;
      }
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return inner;
}

describe("recordAudit", () => {
  it("writes one entry (bigint and dates as JSON), and in a transaction only when it commits", async () => {
    const staff = await createUser(db(), { role: "OPERATOR" });
    const subject = await createUser(db());
    await recordAudit({
      actorId: staff.id,
      subjectId: subject.id,
      action: "test.audit.write",
      data: { fen: 1234n, at: new Date("2026-12-01T00:00:00Z"), skipped: undefined },
    });
    const row = await db().auditLog.findFirstOrThrow({ where: { actorId: staff.id, action: "test.audit.write" } });
    expect(row).toMatchObject({ subjectId: subject.id, data: { fen: "1234", at: "2026-12-01T00:00:00.000Z" } });

    await inRolledBackTx((tx) => recordAudit({ actorId: staff.id, action: "test.audit.rolledback" }, tx));
    expect(await db().auditLog.count({ where: { actorId: staff.id, action: "test.audit.rolledback" } })).toBe(0);
  });
});

describe("audit_log is append-only in the database", () => {
  it("refuses UPDATE, DELETE and TRUNCATE, also through Prisma and by cascade", async () => {
    const staff = await createUser(db(), { role: "ADMIN" });
    await recordAudit({ actorId: staff.id, action: "test.audit.immutable", data: { n: 1 } });
    const row = await db().auditLog.findFirstOrThrow({ where: { actorId: staff.id, action: "test.audit.immutable" } });
    const refused = /append-only/;

    await expect(db().$executeRaw`UPDATE "audit_log" SET "action" = 'rewritten' WHERE "id" = ${row.id}`).rejects.toThrow(refused);
    await expect(db().$executeRaw`DELETE FROM "audit_log" WHERE "id" = ${row.id}`).rejects.toThrow(refused);
    // Prisma reports the trigger's restrict_violation (23001) in its own words.
    await expect(db().auditLog.update({ where: { id: row.id }, data: { data: { n: 2 } } })).rejects.toThrow();
    await expect(db().auditLog.deleteMany({ where: { actorId: staff.id } })).rejects.toThrow();
    // TRUNCATE, and removing the user it names (the FK would otherwise need the row gone).
    // Each in a transaction rolled back whatever happens, so a failure cannot empty the test database.
    expect(String(await inRolledBackTx((tx) => tx.$executeRawUnsafe(`TRUNCATE "audit_log"`)))).toMatch(refused);
    expect(String(await inRolledBackTx((tx) => tx.$executeRawUnsafe(`TRUNCATE "audit_log", "users" CASCADE`)))).toMatch(refused);
    expect(await inRolledBackTx((tx) => tx.user.delete({ where: { id: staff.id } }))).not.toBeNull();

    expect(await db().auditLog.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ action: "test.audit.immutable", data: { n: 1 } });
  });
});

describe("staff reads of personal data are audited in the service read", () => {
  it("opening a student's page writes staff.read.user; a 学号 nobody holds reads nothing and writes nothing", async () => {
    const staff = await createUser(db(), { role: "OPERATOR" });
    const s = await createUser(db(), { name: "被查看的学生" });
    expect(await readUserForStaff(staff, s.studentNo)).toMatchObject({ id: s.id, name: "被查看的学生" });
    expect(await db().auditLog.findMany({ where: { actorId: staff.id }, select: { subjectId: true, action: true, data: true } })).toEqual([
      { subjectId: s.id, action: "staff.read.user", data: { studentNo: s.studentNo } },
    ]);
    expect(await readUserForStaff(staff, "0000000000")).toBeNull();
    expect(await db().auditLog.count({ where: { actorId: staff.id } })).toBe(1);
  });

  it("a roster search writes staff.read.search with the query and how many were shown", async () => {
    const staff = await createUser(db(), { role: "ADMIN" });
    const s = await createUser(db(), { name: "花名册测试" });
    const found = await searchUsers(staff, ` ${s.studentNo} `);
    expect(found.map((u) => u.id)).toEqual([s.id]);
    const row = await db().auditLog.findFirstOrThrow({ where: { actorId: staff.id, action: "staff.read.search" } });
    expect(row.data).toEqual({ query: s.studentNo, results: 1 });
    expect(await searchUsers(staff, "   ")).toEqual([]);
    expect(await db().auditLog.count({ where: { actorId: staff.id } })).toBe(1);
  });
});

describe("listAudit: the audit viewer's read", () => {
  it("filters by actor, subject, action (prefix with a trailing dot) and Shanghai days, newest first; the read itself is audited", async () => {
    const staff = await createUser(db(), { role: "OPERATOR" });
    const viewer = await createUser(db(), { role: "ADMIN" });
    const s = await createUser(db());
    await recordAudit({ actorId: staff.id, subjectId: s.id, action: "test.list.one", data: { note: "x".repeat(2100) } });
    await recordAudit({ actorId: staff.id, action: "test.list.two" });

    const all = await listAudit({ actorId: staff.id }, viewer);
    expect(all.total).toBe(2);
    expect(all.items.map((r) => r.action)).toEqual(["test.list.two", "test.list.one"]);
    expect(all.items[1]).toMatchObject({ actor: { id: staff.id, studentNo: staff.studentNo }, subject: { id: s.id } });
    expect((all.items[1]!.data as { note: string }).note).toHaveLength(2000);

    expect((await listAudit({ subjectId: s.id }, viewer)).items.map((r) => r.action)).toEqual(["test.list.one"]);
    expect((await listAudit({ actorId: staff.id, action: "test.list." }, viewer)).total).toBe(2);
    expect((await listAudit({ actorId: staff.id, action: "test.list" }, viewer)).total).toBe(0);
    expect((await listAudit({ actorId: staff.id, take: 1, skip: 1 }, viewer)).items.map((r) => r.action)).toEqual(["test.list.one"]);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(all.items[0]!.at);
    expect((await listAudit({ actorId: staff.id, fromDay: today, toDay: today }, viewer)).total).toBe(2);
    expect((await listAudit({ actorId: staff.id, toDay: "2000-01-01" }, viewer)).total).toBe(0);
    await expect(listAudit({ fromDay: "yesterday" }, viewer)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(listAudit({ actorId: "not-a-uuid" }, viewer)).rejects.toMatchObject({ code: "VALIDATION" });

    const reads = await db().auditLog.findMany({ where: { actorId: viewer.id, action: "staff.read.audit" }, orderBy: { id: "asc" }, select: { data: true } });
    expect(reads).toHaveLength(7);
    expect(reads[0]!.data).toEqual({ filter: { actorId: staff.id, take: 50, skip: 0 }, shown: 2, total: 2 });
  });
});
