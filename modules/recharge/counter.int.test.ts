import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCatalogue } from "@/dev/factory";
import { db } from "@/lib/db";
import { verifyLedger } from "@/modules/ledger/service";
import { counterRecharge, readCounterStudentForStaff } from "./counter.service";
import { getReceipt } from "./records.service";
import { balanceOf, orderOf, student } from "./test-helpers";

beforeAll(async () => {
  await ensureCatalogue(db());
});
afterAll(async () => {
  expect((await verifyLedger()).ok).toBe(true);
  await db().$disconnect();
});

describe("counter recharge (线下充值)", () => {
  it("credits from source:counter at once: CREATED → PAID → CREDITED, receipt, audit log with the operator", async () => {
    const op = await student({ role: "OPERATOR", name: "柜台小李" });
    const s = await student({ name: "陈大文" });
    expect(await readCounterStudentForStaff(op, s.studentNo)).toMatchObject({ name: "陈大文", balanceFen: 0n });
    // The operator saw a student's name and balance: audited.
    expect(await db().auditLog.findFirst({ where: { actorId: op.id, subjectId: s.id, action: "staff.read.counter_lookup" } })).not.toBeNull();
    const r = await counterRecharge({
      operatorId: op.id,
      studentNo: s.studentNo,
      amountFen: 3000n,
      note: `${s.studentNo} 陈大文 现金`,
      requestKey: randomUUID(),
    });
    expect(r).toMatchObject({
      amountFen: 3000n,
      student: { studentNo: s.studentNo, name: "陈大文" },
      operator: { name: "柜台小李" },
      balanceAfterFen: 3000n,
      replayed: false,
    });
    expect(await balanceOf(s.id)).toBe(3000n);
    const o = await orderOf(r.orderNo);
    expect(o).toMatchObject({ channel: "COUNTER", state: "CREDITED", createdById: op.id, userId: s.id, note: `${s.studentNo} 陈大文 现金` });
    expect(o.events.map((e) => e.toState)).toEqual(["CREATED", "PAID", "CREDITED"]);
    const entry = await db().journalEntry.findUniqueOrThrow({ where: { id: o.journalEntryId! }, include: { postings: { include: { account: true } } } });
    expect(entry.postings.map((p) => [p.account.code, p.amountFen]).sort()).toEqual([
      ["source:counter", -3000n],
      [`wallet:${s.id}`, 3000n],
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { actorId: op.id, action: "counter.recharge" } });
    expect(audit.subjectId).toBe(s.id);
    expect(audit.data).toMatchObject({ orderNo: r.orderNo, amountFen: "3000", before: { balanceFen: "0" }, after: { balanceFen: "3000" } });
    const receipt = await getReceipt(r.orderNo, { id: op.id, role: "OPERATOR" });
    expect(receipt).toMatchObject({ channel: "COUNTER", operator: { name: "柜台小李" }, account: { name: "陈大文" }, gatewayTxnRef: null });
  });

  it("accepts package prices and whole multiples of one (套餐金额或套餐金额倍数)", async () => {
    const op = await student({ role: "OPERATOR" });
    const s = await student({ name: "林一" });
    let total = 0n;
    for (const fen of [500n, 1000n, 1500n, 2000n, 3000n, 6000n, 10000n]) {
      await counterRecharge({ operatorId: op.id, studentNo: s.studentNo, amountFen: fen, note: `学号${s.studentNo}姓名林一`, requestKey: randomUUID() });
      total += fen;
    }
    expect(await balanceOf(s.id)).toBe(total);
  });

  it("refuses a wrong amount or a note without student number and name, with the reason; nothing changes", async () => {
    const op = await student({ role: "OPERATOR" });
    const s = await student({ name: "周杰" });
    const note = `${s.studentNo} 周杰`;
    for (const fen of [1n, 499n, 501n, 1234n, 0n, -500n, 200_500n]) {
      await expect(
        counterRecharge({ operatorId: op.id, studentNo: s.studentNo, amountFen: fen, note, requestKey: randomUUID() }),
        String(fen),
      ).rejects.toMatchObject({
        code: fen <= 0n ? "AMOUNT_INVALID" : fen > 200_000n ? "AMOUNT_TOO_LARGE" : "COUNTER_AMOUNT_INVALID",
      });
    }
    const err = await counterRecharge({ operatorId: op.id, studentNo: s.studentNo, amountFen: 1234n, note, requestKey: randomUUID() }).catch((e) => e);
    expect(err.params.prices).toContain("¥5");
    for (const bad of ["", "周杰", s.studentNo, `${s.studentNo} 周`, "现金充值"]) {
      await expect(
        counterRecharge({ operatorId: op.id, studentNo: s.studentNo, amountFen: 1000n, note: bad, requestKey: randomUUID() }),
        bad,
      ).rejects.toMatchObject({
        code: "COUNTER_NOTE_INVALID",
        params: { studentNo: s.studentNo, name: "周杰" },
      });
    }
    await expect(counterRecharge({ operatorId: op.id, studentNo: "999999999999", amountFen: 1000n, note, requestKey: randomUUID() })).rejects.toMatchObject({
      code: "RECHARGE_TARGET_NOT_FOUND",
    });
    expect(await balanceOf(s.id)).toBe(0n);
    expect(await db().rechargeOrder.count({ where: { userId: s.id } })).toBe(0);
    expect(await db().auditLog.count({ where: { actorId: op.id, action: "counter.recharge.refused" } })).toBeGreaterThanOrEqual(13);
  });

  it("only operators (or admins) may do it", async () => {
    const fake = await student();
    const s = await student({ name: "吴二" });
    await expect(
      counterRecharge({ operatorId: fake.id, studentNo: s.studentNo, amountFen: 1000n, note: `${s.studentNo} 吴二`, requestKey: randomUUID() }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("is idempotent by the request key, also when double-submitted concurrently", async () => {
    const op = await student({ role: "OPERATOR" });
    const s = await student({ name: "郑三" });
    const key = randomUUID();
    const input = { operatorId: op.id, studentNo: s.studentNo, amountFen: 2000n, note: `${s.studentNo}郑三`, requestKey: key };
    const results = await Promise.all([counterRecharge(input), counterRecharge(input), counterRecharge(input)]);
    expect(new Set(results.map((r) => r.orderNo)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await counterRecharge(input)).replayed).toBe(true);
    expect(await balanceOf(s.id)).toBe(2000n);
    expect(await db().rechargeOrder.count({ where: { userId: s.id } })).toBe(1);
  });
});
