// The audit trail: one writer (recordAudit), staff reads of personal data written to it, and
// the table append-only in PostgreSQL itself (migration 20261201004200_audit_log_append_only).
import { afterAll, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { db } from "@/lib/db";
import { readUserForStaff, searchUsers } from "@/modules/accounts/service";
import { listAudit, recordAudit, streamAuditCsv } from "./service";

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
  it("filters by 工号/学号 of actor and subject, action (prefix with a trailing dot) and Shanghai days, newest first; the read itself is audited", async () => {
    const staff = await createUser(db(), { role: "OPERATOR" });
    const viewer = await createUser(db(), { role: "ADMIN" });
    const s = await createUser(db());
    await recordAudit({ actorId: staff.id, subjectId: s.id, action: "test.list.one", data: { note: "x".repeat(2100) } });
    await recordAudit({ actorId: staff.id, action: "test.list.two" });

    const all = await listAudit({ actorNo: staff.studentNo }, viewer);
    expect(all.items.map((r) => r.action)).toEqual(["test.list.two", "test.list.one"]);
    expect(all.nextBefore).toBeNull();
    expect(all.items[1]).toMatchObject({ actor: { id: staff.id, studentNo: staff.studentNo }, subject: { id: s.id } });
    expect((all.items[1]!.data as { note: string }).note).toHaveLength(2000);

    const actions = async (f: Parameters<typeof listAudit>[0]) => (await listAudit(f, viewer)).items.map((r) => r.action);
    expect(await actions({ subjectNo: s.studentNo })).toEqual(["test.list.one"]);
    expect(await actions({ subjectId: s.id })).toEqual(["test.list.one"]);
    expect(await actions({ actorNo: staff.studentNo, subjectNo: s.studentNo })).toEqual(["test.list.one"]);
    expect(await actions({ actorNo: staff.studentNo, action: "test.list." })).toHaveLength(2);
    expect(await actions({ actorNo: staff.studentNo, action: "test.list.two" })).toEqual(["test.list.two"]);
    expect(await actions({ actorNo: staff.studentNo, action: "test.list" })).toEqual([]);
    // a 学号 nobody holds matches nothing (not everything)
    expect(await actions({ actorNo: "0000000001" })).toEqual([]);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(all.items[0]!.at);
    expect(await actions({ actorNo: staff.studentNo, fromDay: today, toDay: today })).toHaveLength(2);
    expect(await actions({ actorNo: staff.studentNo, toDay: "2000-01-01" })).toEqual([]);
    expect(await actions({ actorNo: staff.studentNo, fromDay: "2999-01-01" })).toEqual([]);

    // bad input: a localised VALIDATION, never a database error
    for (const bad of [
      { fromDay: "yesterday" },
      { toDay: "2026-02-30" },
      { fromDay: "2026-12-02", toDay: "2026-12-01" },
      { actorId: "not-a-uuid" },
      { actorNo: "2023'; --" },
      { action: "staff read" },
      { before: 0n },
    ])
      await expect(listAudit(bad, viewer)).rejects.toMatchObject({ code: "VALIDATION" });

    const reads = await db().auditLog.findMany({ where: { actorId: viewer.id, action: "staff.read.audit" }, orderBy: { id: "asc" }, select: { data: true } });
    expect(reads).toHaveLength(11);
    expect(reads[0]!.data).toEqual({ filter: { actorNo: staff.studentNo }, shown: 2 });
    expect(reads.at(-1)!.data).toEqual({ filter: { actorNo: staff.studentNo, fromDay: "2999-01-01" }, shown: 0 });
  });

  it("pages by keyset (id below the cursor): every entry once, newest first, and the cursor of the next page in the audit entry", async () => {
    const staff = await createUser(db(), { role: "OPERATOR" });
    const viewer = await createUser(db(), { role: "ADMIN" });
    await db().auditLog.createMany({ data: Array.from({ length: 7 }, (_, i) => ({ actorId: staff.id, action: `test.page.${i}` })) });
    const seen: string[] = [];
    let before: bigint | undefined;
    const sizes: number[] = [];
    for (;;) {
      const page = await listAudit({ actorNo: staff.studentNo, before, take: 3 }, viewer);
      sizes.push(page.items.length);
      seen.push(...page.items.map((r) => r.action));
      if (page.nextBefore === null) break;
      expect(page.nextBefore).toBe(page.items.at(-1)!.id);
      before = page.nextBefore;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(["6", "5", "4", "3", "2", "1", "0"].map((i) => `test.page.${i}`));
    const reads = await db().auditLog.findMany({ where: { actorId: viewer.id, action: "staff.read.audit" }, orderBy: { id: "asc" }, select: { data: true } });
    expect(reads.map((r) => (r.data as { before?: string }).before ?? null)).toEqual([null, expect.any(String), expect.any(String)]);
  });
});

describe("streamAuditCsv: the export", () => {
  async function readAll(stream: ReadableStream<Uint8Array>) {
    const chunks: string[] = [];
    const dec = new TextDecoder("utf-8", { ignoreBOM: true });
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(dec.decode(r.value));
    return chunks;
  }

  it("streams many rows in batches by cursor (BOM, header, every row once, newest first) and audits the export with its filter", async () => {
    const staff = await createUser(db(), { role: "OPERATOR", name: '导出, "员工"' });
    const viewer = await createUser(db(), { role: "ADMIN" });
    const s = await createUser(db(), { name: "=学生" });
    const n = 1234;
    await db().auditLog.createMany({
      data: Array.from({ length: n }, (_, i) => ({ actorId: staff.id, subjectId: i % 2 ? s.id : null, action: "test.export.row", data: { i } })),
    });

    const chunks = await readAll(await streamAuditCsv({ actorNo: staff.studentNo, action: "test.export." }, viewer, 100));
    // the header, then one chunk per batch of at most 100 rows: never all rows at once
    expect(chunks.length).toBe(1 + Math.ceil(n / 100));
    expect(chunks[0]).toBe("\uFEFFid,time_shanghai,action,actor_no,actor_name,subject_no,subject_name,data\r\n");
    for (const c of chunks.slice(1)) expect(c.split("\r\n").length - 1).toBeLessThanOrEqual(100);
    const lines = chunks.join("").split("\r\n").slice(1, -1);
    expect(lines).toHaveLength(n);
    const ids = lines.map((l) => BigInt(l.split(",")[0]!));
    expect(new Set(ids.map(String)).size).toBe(n);
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
    // quoting and formula defusing (finance's CSV rules), JSON data in one cell
    expect(lines[0]).toContain(`${staff.studentNo},"导出, ""员工""",${s.studentNo},'=学生,"{""i"":${n - 1}}"`);
    expect(lines[0]).toMatch(/^\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},test\.export\.row,/);

    const exports = await db().auditLog.findMany({ where: { actorId: viewer.id, action: "export.csv" }, select: { data: true } });
    expect(exports.map((e) => e.data)).toEqual([{ export: "audit", filter: { actorNo: staff.studentNo, action: "test.export." } }]);
  });

  it("an empty result is the header only (still audited); bad input is refused before anything is written", async () => {
    const viewer = await createUser(db(), { role: "ADMIN" });
    const chunks = await readAll(await streamAuditCsv({ subjectNo: "0000000002" }, viewer));
    expect(chunks.join("").split("\r\n")).toHaveLength(2);
    await expect(streamAuditCsv({ fromDay: "2026-13-01" }, viewer)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db().auditLog.count({ where: { actorId: viewer.id, action: "export.csv" } })).toBe(1);
  });
});
