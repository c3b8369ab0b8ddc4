import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser, ensureCatalogue, packageByCode } from "@/dev/factory";
import { resetClock, setClock } from "@/lib/clock";
import { db } from "@/lib/db";
import type { JournalKind } from "@/lib/generated/prisma/enums";
import { postEntry, postReversal, SYSTEM_ACCOUNT, walletCode } from "@/modules/ledger/service";
import { exchangePackage } from "@/modules/packages/service";
import { statementFor, statementForStaff, statementMonthsFor, type Statement } from "./service";

const GB = 1024n ** 3n;

beforeAll(async () => {
  await ensureCatalogue(db());
});
afterEach(() => resetClock());
afterAll(async () => {
  await db().$disconnect();
});

/** Book one wallet movement at `at` (the clock's time is the entry's time). */
async function book(userId: string, at: string, kind: JournalKind, amountFen: bigint, key = `test:${randomUUID()}`) {
  setClock(at);
  const other = kind === "EXCHANGE" ? SYSTEM_ACCOUNT.PACKAGE_REVENUE : SYSTEM_ACCOUNT.SANDBOX;
  return db().$transaction((tx) =>
    postEntry(tx, {
      idempotencyKey: key,
      kind,
      postings: [
        { accountCode: walletCode(userId), amountFen },
        { accountCode: other, amountFen: -amountFen },
      ],
    }),
  );
}

async function statement(userId: string, month: string, now = new Date("2026-12-05T04:00:00Z")): Promise<Statement> {
  const r = await statementFor(userId, month, now);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return r.statement;
}

/** opening + every line = closing, and closing is what the ledger holds before the month's end. */
function expectBalanced(s: Statement) {
  expect(s.openingFen + s.inFen + s.outFen).toBe(s.closingFen);
  expect(s.entries.reduce((sum, e) => sum + e.amountFen, s.openingFen)).toBe(s.closingFen);
}

describe("monthly statement (月账单) on real PostgreSQL", () => {
  let userId: string;
  let exchangeEntryId: string;

  beforeAll(async () => {
    const u = await createUser(db());
    userId = u.id;
    await db().user.update({ where: { id: userId }, data: { createdAt: new Date("2026-09-10T02:00:00Z") } });
    await book(userId, "2026-10-05T02:00:00Z", "OPENING", 5000n);
    // 23:59:59.999 on Oct 31 in Shanghai: still October
    await book(userId, "2026-10-31T15:59:59.999Z", "RECHARGE", 1000n);
    // 00:00:00 on Nov 1 in Shanghai (16:00Z on Oct 31): November
    await book(userId, "2026-10-31T16:00:00Z", "RECHARGE", 2000n);
    setClock("2026-11-10T04:00:00Z");
    const P10 = await packageByCode(db(), "P10");
    const ex = await exchangePackage({ userId, packageId: P10.id, requestKey: randomUUID() });
    const holding = await db().packageHolding.update({ where: { id: ex.holdingId }, data: { usedBytes: 6n * GB }, select: { journalEntryId: true } });
    exchangeEntryId = holding.journalEntryId;
    // the exchange refunded after an appeal: a reversal keyed appeal:…
    setClock("2026-11-11T04:00:00Z");
    await db().$transaction((tx) => postReversal(tx, { entryId: exchangeEntryId, idempotencyKey: `appeal:${randomUUID()}` }));
    // money back to the payment channel: a REFUND out of the wallet
    await book(userId, "2026-11-20T04:00:00Z", "REFUND", -500n);
    await book(userId, "2026-11-30T15:59:59.999Z", "ADJUSTMENT", 100n);
    await book(userId, "2026-11-30T16:00:00Z", "RECHARGE", 300n);

    // data: Oct 31 and Dec 1 are not November's; free quota used up, the package gave 6 GB, the rest throttled
    await db().dailyUsage.createMany({
      data: [
        { userId, day: new Date("2026-10-31T00:00:00Z"), uploadBytes: 1n * GB, downloadBytes: 6n * GB },
        { userId, day: new Date("2026-11-01T00:00:00Z"), uploadBytes: 1n * GB, downloadBytes: 9n * GB },
        { userId, day: new Date("2026-11-15T00:00:00Z"), uploadBytes: 2n * GB, downloadBytes: 13n * GB },
        { userId, day: new Date("2026-11-30T00:00:00Z"), uploadBytes: 0n, downloadBytes: 5n * GB },
        { userId, day: new Date("2026-12-01T00:00:00Z"), uploadBytes: 0n, downloadBytes: 2n * GB },
      ],
    });
    await db().monthlyQuota.create({ data: { userId, month: "2026-11", freeBytes: 20n * GB, freeUsedBytes: 20n * GB } });
    resetClock();
  });

  it("October: the entry at 23:59:59.999 Shanghai on the 31st is October's; opening + movements = closing", async () => {
    const s = await statement(userId, "2026-10");
    expect(s.openingFen).toBe(0n);
    expect(s.lines).toEqual([
      { kind: "OPENING", inFen: 5000n, outFen: 0n, count: 1 },
      { kind: "RECHARGE", inFen: 1000n, outFen: 0n, count: 1 },
    ]);
    expect(s.closingFen).toBe(6000n);
    expectBalanced(s);
    expect(s.partial).toBe(false);
  });

  it("November: recharge, exchange, appeal refund, refund and adjustment, each by its journal kind", async () => {
    const s = await statement(userId, "2026-11");
    expect(s.openingFen).toBe(6000n);
    expect(s.lines).toEqual([
      { kind: "RECHARGE", inFen: 2000n, outFen: 0n, count: 1 },
      { kind: "EXCHANGE", inFen: 0n, outFen: -1000n, count: 1 },
      { kind: "REFUND", inFen: 0n, outFen: -500n, count: 1 },
      { kind: "APPEAL_REFUND", inFen: 1000n, outFen: 0n, count: 1 },
      { kind: "ADJUSTMENT", inFen: 100n, outFen: 0n, count: 1 },
    ]);
    expect(s.closingFen).toBe(7600n);
    expectBalanced(s);
    // the first line is the recharge booked at 00:00 on Nov 1, Shanghai
    expect(s.entries[0]).toMatchObject({ kind: "RECHARGE", amountFen: 2000n, at: new Date("2026-10-31T16:00:00Z") });
    expect(s.entries.find((e) => e.kind === "EXCHANGE")).toMatchObject({ packageCode: "P10", amountFen: -1000n });
    // data: 30 GB in November; 20 GB free, 6 GB from the package, 4 GB throttled
    expect(s.data).toEqual({
      totalBytes: 30n * GB,
      uploadBytes: 3n * GB,
      downloadBytes: 27n * GB,
      freeBytes: 20n * GB,
      freeUsedBytes: 20n * GB,
      packageUsedBytes: 6n * GB,
      throttledBytes: 4n * GB,
    });
  });

  it("December (the current month): figures so far, closing = the wallet's balance", async () => {
    const s = await statement(userId, "2026-12");
    expect(s.partial).toBe(true);
    expect(s.openingFen).toBe(7600n);
    expect(s.lines).toEqual([{ kind: "RECHARGE", inFen: 300n, outFen: 0n, count: 1 }]);
    expect(s.closingFen).toBe((await db().ledgerAccount.findUniqueOrThrow({ where: { userId } })).balanceFen);
    expectBalanced(s);
    expect(s.data.totalBytes).toBe(2n * GB);
  });

  it("a month with no activity since the account existed: equal opening and closing, no lines, no data", async () => {
    const s = await statement(userId, "2026-09");
    expect(s).toMatchObject({ openingFen: 0n, closingFen: 0n, lines: [], entries: [] });
    expect(s.data).toMatchObject({ totalBytes: 0n, freeUsedBytes: 0n, packageUsedBytes: 0n, throttledBytes: 0n });
  });

  it("refuses a future month, a month before the account, and a malformed month", async () => {
    const now = new Date("2026-12-05T04:00:00Z");
    expect(await statementFor(userId, "2027-01", now)).toEqual({ ok: false, reason: "FUTURE_MONTH" });
    // 00:00 on Jan 1 in Shanghai: January is the current month now
    expect((await statementFor(userId, "2027-01", new Date("2026-12-31T16:00:00Z"))).ok).toBe(true);
    expect(await statementFor(userId, "2026-08", now)).toEqual({ ok: false, reason: "BEFORE_ACCOUNT" });
    expect(await statementFor(userId, "2026-13", now)).toEqual({ ok: false, reason: "INVALID_MONTH" });
    expect(await statementFor(userId, "../2026-11", now)).toEqual({ ok: false, reason: "INVALID_MONTH" });
    expect(await statementFor(randomUUID(), "2026-11", now)).toEqual({ ok: false, reason: "NOT_FOUND" });
  });

  it("lists the months since the account existed, newest first; a bare /statement opens last month", async () => {
    expect(await statementMonthsFor(userId, new Date("2026-12-05T04:00:00Z"))).toEqual({
      months: ["2026-12", "2026-11", "2026-10", "2026-09"],
      defaultMonth: "2026-11",
    });
  });

  it("only the owner's postings: another student's statement of the same month is their own", async () => {
    const other = await createUser(db());
    await db().user.update({ where: { id: other.id }, data: { createdAt: new Date("2026-09-01T00:00:00Z") } });
    const s = await statement(other.id, "2026-11");
    expect(s).toMatchObject({ openingFen: 0n, closingFen: 0n, lines: [], entries: [] });
  });

  it("staff read a statement with a reason, written to the audit log", async () => {
    const staff = await createUser(db(), { role: "FINANCE" });
    const r = await statementForStaff({ actorId: staff.id, userId, month: "2026-11", reason: "学生来电核对账单", now: new Date("2026-12-05T04:00:00Z") });
    expect(r.ok).toBe(true);
    const audit = await db().auditLog.findFirst({ where: { actorId: staff.id, subjectId: userId }, select: { action: true, data: true } });
    expect(audit).toEqual({ action: "staff.read.statement", data: { month: "2026-11", reason: "学生来电核对账单", ok: true } });
  });
});
