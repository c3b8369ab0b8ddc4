// Lifecycle in bulk (issue 12 item 6) against the real database: the intake file is read in
// Chinese or English (BOM or not) and each row judged; the dry run writes nothing; applying
// creates accounts with wallets once (a second import creates nobody), audited with the counts;
// a graduation settlement closes a cohort, refunds back the way the money came (or as cash) by
// ledger entries, keeps every record, settles nobody twice and streams its report; only the
// admin may do any of it (through the real server actions, the session stubbed).
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { createUser, ensureCatalogue, fundWallet, packageByCode } from "@/dev/factory";
import { db } from "@/lib/db";
import { verifyLedger } from "@/modules/ledger/service";
import { setNetworkPassword } from "@/modules/network/service";
import { callRadius } from "@/modules/radius/test-helpers";
import { counterRecharge } from "@/modules/recharge/counter.service";
import { balanceOf, notifySandbox, payAtSandbox, sandboxOrder } from "@/modules/recharge/test-helpers";
import { applyIntakeAction, dryRunIntakeAction, previewGraduationAction, settleGraduationAction } from "./actions";
import { INTAKE_MAX_ROWS, parseIntake } from "./schemas";
import { applyIntake, dryRunIntake, graduationReportStream, previewGraduation, settleGraduation } from "./service";

beforeAll(async () => {
  await ensureCatalogue(db());
});
afterAll(async () => {
  expect((await verifyLedger()).ok).toBe(true);
  await db().$disconnect();
});
beforeEach(() => {
  session.userId = null;
});

/** An enrollment year and a college of our own, and 学号 in that year nobody else has. */
function cohortNames() {
  const year = String(2030 + randomInt(60));
  const college = `测试学院-${randomUUID().slice(0, 8)}`;
  const no = () => `${year}${String(randomInt(1e9)).padStart(9, "0")}`;
  return { year, college, no };
}

describe("reading the intake file", () => {
  it("takes a Chinese header with a BOM or an English one in any order, quoted cells, CRLF", () => {
    const zh = parseIntake('\uFEFF学号,姓名,学院,年级,邮箱\r\n2026010001,张三,"计算机学院, 软件",2026级,a@example.edu.cn\r\n\r\n');
    expect(zh).toMatchObject({
      ok: true,
      rows: [{ line: 2, studentNo: "2026010001", name: "张三", college: "计算机学院, 软件", email: "a@example.edu.cn", problem: null }],
    });
    const en = parseIntake("Name, College ,Student No\nLi Si,Physics,2026010002\n");
    expect(en).toMatchObject({ ok: true, rows: [{ studentNo: "2026010002", name: "Li Si", college: "Physics", email: null, problem: null }] });
  });

  it("gives each bad row its reason", () => {
    const r = parseIntake(
      [
        "学号,姓名,学院,年级,邮箱",
        "12345,短学号,A,,", // 2
        "2026010001,张三,A,,", // 3
        "2026010001,张三重复,A,,", // 4
        "2026010002,,A,,", // 5
        `2026010003,${"长".repeat(51)},A,,`, // 6
        "2026010004,李四,A,2025,", // 7
        "2026010005,王五,A,,not-an-email", // 8
      ].join("\n"),
    );
    if (!r.ok) throw new Error("parse failed");
    expect(r.rows.map((x) => x.problem?.code ?? null)).toEqual([
      "studentNoFormat",
      null,
      "duplicateInFile",
      "nameMissing",
      "nameTooLong",
      "gradeMismatch",
      "emailInvalid",
    ]);
    expect(r.rows[2]!.problem).toEqual({ code: "duplicateInFile", row: 3 });
  });

  it("refuses a file without the columns, empty, too long, too large or not UTF-8", () => {
    expect(parseIntake("学号,姓名\n2026010001,张三\n")).toMatchObject({ ok: false, error: "header", params: { missing: "college" } });
    expect(parseIntake("学号,姓名,学院\n")).toMatchObject({ ok: false, error: "empty" });
    expect(parseIntake("")).toMatchObject({ ok: false, error: "empty" });
    const many = ["学号,姓名,学院", ...Array.from({ length: INTAKE_MAX_ROWS + 1 }, (_, i) => `${20260000000 + i},某,A`)].join("\n");
    expect(parseIntake(many)).toMatchObject({ ok: false, error: "tooManyRows" });
    expect(parseIntake("学号,姓名,学院\n" + "x".repeat(1024 * 1024))).toMatchObject({ ok: false, error: "tooLarge" });
    expect(parseIntake("ѧ��,����,ѧԺ\n")).toMatchObject({ ok: false, error: "encoding" });
  });
});

describe("intake import", () => {
  it("the dry run writes nothing; applying creates each account with its wallet once; a second import creates nobody", async () => {
    const { college, no } = cohortNames();
    const admin = await createUser(db(), { role: "ADMIN", studentNo: `A${randomInt(1e9)}` });
    const staff = await createUser(db(), { role: "OPERATOR", studentNo: no() });
    const existing = await createUser(db(), { studentNo: no(), name: "旧名字", college });
    const same = await createUser(db(), { studentNo: no(), name: "不变", college });
    const [n1, n2] = [no(), no()];
    const csv = [
      "学号,姓名,学院,邮箱",
      `${n1},新生甲,${college},`,
      `${n2},新生乙,${college},b@example.edu.cn`,
      `${existing.studentNo},新名字,${college},`,
      `${same.studentNo},不变,${college},`,
      `${staff.studentNo},冒名,${college},`,
      `${n1},重复,${college},`,
    ].join("\n");

    const auditsBefore = await db().auditLog.count({ where: { action: "staff.intake.import", actorId: admin.id } });
    const report = await dryRunIntake(csv);
    expect(report.counts).toEqual({ new: 2, unchanged: 1, updated: 1, error: 2 });
    expect(report.rows.map((r) => [r.outcome, r.problem?.code ?? null])).toEqual([
      ["new", null],
      ["new", null],
      ["updated", null],
      ["unchanged", null],
      ["error", "staffAccount"],
      ["error", "duplicateInFile"],
    ]);
    expect(report.rows[2]!.changes).toEqual(["name"]);
    // nothing written: no account, no changed name, no audit
    expect(await db().user.count({ where: { studentNo: { in: [n1, n2] } } })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe("旧名字");
    expect(await db().auditLog.count({ where: { action: "staff.intake.import", actorId: admin.id } })).toBe(auditsBefore);

    const applied = await applyIntake(admin, csv, "intake.csv");
    expect(applied).toMatchObject({ created: 2, updated: 1, counts: { new: 2, unchanged: 1, updated: 1, error: 2 } });
    const created = await db().user.findMany({
      where: { studentNo: { in: [n1, n2] } },
      select: { id: true, role: true, status: true, college: true, email: true, wallet: { select: { balanceFen: true } } },
      orderBy: { studentNo: "asc" },
    });
    expect(created).toHaveLength(2);
    for (const u of created) expect(u).toMatchObject({ role: "STUDENT", status: "ACTIVE", college, wallet: { balanceFen: 0n } });
    expect(created.map((u) => u.email).sort()).toEqual(["b@example.edu.cn", null].sort());
    expect((await db().user.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe("新名字");
    expect((await db().user.findUniqueOrThrow({ where: { id: staff.id } })).role).toBe("OPERATOR");
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "staff.intake.import", actorId: admin.id }, orderBy: { id: "desc" } });
    expect(audit.data).toMatchObject({ fileName: "intake.csv", rows: 6, new: 2, updated: 1, unchanged: 1, error: 2, created: 2 });

    // the same file again: nobody created, nobody changed
    const again = await applyIntake(admin, csv, "intake.csv");
    expect(again).toMatchObject({ created: 0, updated: 0, counts: { new: 0, unchanged: 4, updated: 0, error: 2 } });
    expect(await db().user.count({ where: { studentNo: { in: [n1, n2] } } })).toBe(2);
    expect(await db().ledgerAccount.count({ where: { userId: { in: created.map((u) => u.id) } } })).toBe(2);
  });

  it("imports a few thousand rows in one go", async () => {
    const { college, no } = cohortNames();
    const admin = await createUser(db(), { role: "ADMIN", studentNo: `A${randomInt(1e9)}` });
    const nos = new Set<string>();
    while (nos.size < 3000) nos.add(no());
    const csv = ["studentNo,name,college", ...[...nos].map((n, i) => `${n},学生${i},${college}`)].join("\n");
    const r = await applyIntake(admin, csv);
    expect(r.created).toBe(3000);
    expect(await db().ledgerAccount.count({ where: { user: { college } } })).toBe(3000);
    expect((await dryRunIntake(csv)).counts).toEqual({ new: 0, unchanged: 3000, updated: 0, error: 0 });
  });

  it("refuses a file with nothing to import, and writes nothing", async () => {
    const admin = await createUser(db(), { role: "ADMIN", studentNo: `A${randomInt(1e9)}` });
    await expect(applyIntake(admin, "学号,姓名,学院\n123,甲,A\n")).rejects.toMatchObject({ code: "INTAKE_NOTHING_VALID" });
    await expect(applyIntake(admin, "学号,姓名\n2026010001,甲\n")).rejects.toMatchObject({ code: "INTAKE_HEADER" });
    expect(await db().auditLog.count({ where: { action: "staff.intake.import", actorId: admin.id } })).toBe(0);
  });
});

async function creditedSandboxOrder(userId: string, yuan: string) {
  const o = await sandboxOrder(userId, yuan);
  const txn = await payAtSandbox(o.orderNo);
  await notifySandbox(o.orderNo, o.amountFen, txn);
  return o;
}

describe("graduation settlement", () => {
  it("closes the cohort, refunds each balance back the way it came and the rest as cash, once; the report streams", async () => {
    const { year, college, no } = cohortNames();
    const admin = await createUser(db(), { role: "ADMIN", studentNo: `A${randomInt(1e9)}` });
    const op = await createUser(db(), { role: "OPERATOR", studentNo: `T${randomInt(1e9)}` });
    const online = await createUser(db(), { studentNo: no(), name: "线上", college });
    const order = await creditedSandboxOrder(online.id, "30");
    await fundWallet(db(), online.id, 500n); // an opening balance: no order to refund it to
    const plan = await db().packagePlan.create({
      data: { userId: online.id, packageId: (await packageByCode(db(), "P10")).id, kind: "AUTO_RENEW", firstMonth: "2099-01" },
      select: { id: true },
    });
    await setNetworkPassword(online.id, "campus2026net");
    const counter = await createUser(db(), { studentNo: no(), name: "柜台", college });
    await counterRecharge({ operatorId: op.id, studentNo: counter.studentNo, amountFen: 2000n, note: `${counter.studentNo} 柜台`, requestKey: randomUUID() });
    const empty = await createUser(db(), { studentNo: no(), name: "零余额", college });
    const paused = await createUser(db(), { studentNo: no(), name: "停机", college, status: "PAUSED", balanceFen: 100n });
    const otherCollege = await createUser(db(), { studentNo: no(), college: `${college}-乙`, balanceFen: 700n });
    const staffThere = await createUser(db(), { studentNo: no(), college, role: "OPERATOR" });
    const cohort = { year, college };

    expect(await previewGraduation(cohort)).toEqual({ accounts: 4, withBalance: 3, balanceFen: 5600n, liveSessions: 0, alreadySettled: 0 });
    // the cohort changed since the preview: nothing happens
    await expect(settleGraduation(admin, cohort, "ORIGINAL", 5)).rejects.toMatchObject({ code: "GRADUATION_CHANGED" });
    expect((await db().user.findUniqueOrThrow({ where: { id: online.id } })).status).toBe("ACTIVE");

    const r = await settleGraduation(admin, cohort, "ORIGINAL", 4);
    expect(r).toMatchObject({ accounts: 4, refundedFen: 5600n, originalFen: 5000n, cashFen: 600n, sessionsEnded: 0, failed: 0 });
    for (const u of [online, counter, empty, paused]) {
      expect((await db().user.findUniqueOrThrow({ where: { id: u.id } })).status).toBe("CLOSED");
      expect(await balanceOf(u.id)).toBe(0n);
    }
    // records kept, never deleted: the refunds of each order, the cash entry, one settlement each
    const refunds = await db().refund.findMany({
      where: { order: { userId: { in: [online.id, counter.id] } } },
      select: { kind: true, amountFen: true, state: true },
    });
    expect(refunds.sort((a, b) => Number(a.amountFen - b.amountFen))).toEqual([
      { kind: "CASH", amountFen: 2000n, state: "SUCCEEDED" },
      { kind: "ORIGINAL_ROUTE", amountFen: 3000n, state: "SUCCEEDED" },
    ]);
    expect((await db().sandboxTrade.findUniqueOrThrow({ where: { outTradeNo: order.orderNo } })).refundedFen).toBe(3000n);
    const settlements = await db().graduationSettlement.findMany({ where: { runId: BigInt(r.runId) }, orderBy: { studentNo: "asc" } });
    expect(settlements).toHaveLength(4);
    const byName = Object.fromEntries(settlements.map((s) => [s.name, s]));
    expect(byName["线上"]).toMatchObject({ balanceFen: 3500n, originalFen: 3000n, cashFen: 500n, fromStatus: "ACTIVE" });
    expect(byName["柜台"]).toMatchObject({ balanceFen: 2000n, originalFen: 2000n, cashFen: 0n });
    expect(byName["零余额"]).toMatchObject({ balanceFen: 0n, cashFen: 0n, refundNos: [] });
    expect(byName["停机"]).toMatchObject({ balanceFen: 100n, cashFen: 100n, fromStatus: "PAUSED" });
    const cash = await db().journalEntry.findUniqueOrThrow({
      where: { id: byName["线上"]!.cashEntryId! },
      select: { kind: true, postings: { select: { amountFen: true } } },
    });
    expect(cash.kind).toBe("REFUND");
    expect(cash.postings.map((p) => p.amountFen).sort()).toEqual([-500n, 500n].sort());
    // closed: the network refuses it, and so does the app (the session of a graduate gets nothing done)
    const radius = await callRadius("authorize", { "User-Name": online.studentNo, "User-Password": "campus2026net" });
    expect(radius.status).toBe(401);
    session.userId = online.id;
    expect((await previewGraduationAction(cohort))?.serverError?.code).toBe("ACCOUNT_SUSPENDED");
    session.userId = null;
    // an auto-renewal would draw on the closed wallet: cancelled, the row kept
    expect((await db().packagePlan.findUniqueOrThrow({ where: { id: plan.id } })).cancelledAt).not.toBeNull();
    // the rest of the campus is untouched
    expect(await db().user.findUniqueOrThrow({ where: { id: otherCollege.id } })).toMatchObject({ status: "ACTIVE" });
    expect(await balanceOf(otherCollege.id)).toBe(700n);
    expect((await db().user.findUniqueOrThrow({ where: { id: staffThere.id } })).status).toBe("ACTIVE");
    expect(await db().auditLog.count({ where: { action: "staff.graduation.close", subjectId: online.id } })).toBe(1);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "staff.graduation.settle", actorId: admin.id }, orderBy: { id: "desc" } });
    expect(audit.data).toMatchObject({ year, college, refundMode: "ORIGINAL", accounts: 4, refundedFen: "5600" });

    // again: nobody is settled twice
    expect(await previewGraduation(cohort)).toMatchObject({ accounts: 0, balanceFen: 0n, alreadySettled: 4 });
    await expect(settleGraduation(admin, cohort, "ORIGINAL", 4)).rejects.toMatchObject({ code: "GRADUATION_NO_ACCOUNTS" });
    expect(await db().graduationSettlement.count({ where: { userId: { in: [online.id, counter.id, empty.id, paused.id] } } })).toBe(4);

    // the per-student report, streamed
    const { stream, filename } = await graduationReportStream(admin, r.runId);
    expect(filename).toContain(year);
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM spreadsheet programs look for
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines[0]!.startsWith("学号")).toBe(true);
    expect(lines).toHaveLength(5);
    expect(lines.find((l) => l.includes(online.studentNo))).toContain(",35.00,30.00,5.00,");
    expect(await db().auditLog.count({ where: { action: "export.csv", actorId: admin.id } })).toBe(1);
    await expect(graduationReportStream(admin, "999999999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(graduationReportStream(admin, "x")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pays everything as cash at the counter when asked", async () => {
    const { year, college, no } = cohortNames();
    const admin = await createUser(db(), { role: "ADMIN", studentNo: `A${randomInt(1e9)}` });
    const s = await createUser(db(), { studentNo: no(), college });
    const order = await creditedSandboxOrder(s.id, "20");
    const r = await settleGraduation(admin, { year, college }, "CASH", 1);
    expect(r).toMatchObject({ accounts: 1, refundedFen: 2000n, originalFen: 0n, cashFen: 2000n });
    expect(await db().refund.count({ where: { order: { orderNo: order.orderNo } } })).toBe(0);
    expect(await balanceOf(s.id)).toBe(0n);
  });
});

describe("who may", () => {
  it("only the admin, through the real actions; operator, finance and students are refused and nothing changes", async () => {
    const { year, college, no } = cohortNames();
    const n = no();
    const csv = `学号,姓名,学院\n${n},甲,${college}\n`;
    const target = await createUser(db(), { studentNo: no(), college, balanceFen: 300n });
    for (const role of ["STUDENT", "OPERATOR", "FINANCE"] as const) {
      session.userId = (await createUser(db(), { role, studentNo: role === "STUDENT" ? no() : `X${randomInt(1e9)}` })).id;
      expect((await dryRunIntakeAction({ text: csv }))?.serverError?.code).toBe("FORBIDDEN");
      expect((await applyIntakeAction({ text: csv }))?.serverError?.code).toBe("FORBIDDEN");
      expect((await previewGraduationAction({ year, college }))?.serverError?.code).toBe("FORBIDDEN");
      expect((await settleGraduationAction({ cohort: { year, college }, refundMode: "CASH", expectedAccounts: 2 }))?.serverError?.code).toBe("FORBIDDEN");
    }
    session.userId = null;
    expect((await applyIntakeAction({ text: csv }))?.serverError?.code).toBe("UNAUTHENTICATED");
    expect(await db().user.count({ where: { studentNo: n } })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("ACTIVE");

    session.userId = (await createUser(db(), { role: "ADMIN", studentNo: `A${randomInt(1e9)}` })).id;
    expect((await dryRunIntakeAction({ text: csv }))?.data?.counts).toEqual({ new: 1, unchanged: 0, updated: 0, error: 0 });
    expect((await dryRunIntakeAction({ text: "学号\n1\n" }))?.serverError?.code).toBe("INTAKE_HEADER");
    expect((await applyIntakeAction({ text: csv, fileName: "a.csv" }))?.data?.created).toBe(1);
    expect((await previewGraduationAction({ year: "20x6", college }))?.validationErrors).toBeTruthy();
    expect((await previewGraduationAction({ year, college }))?.data).toMatchObject({ accounts: 2, balanceFen: "300" });
    expect((await settleGraduationAction({ cohort: { year, college }, refundMode: "CASH", expectedAccounts: 2 }))?.data).toMatchObject({
      accounts: 2,
      refundedFen: "300",
    });
  });
});
