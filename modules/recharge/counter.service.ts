import "server-only";
// Counter recharge (线下充值) at the network office. Rules from the seed: the note must
// carry the student number and the name (备注学号姓名), and the amount must be a package
// price or a whole multiple of one (套餐金额或套餐金额倍数) — otherwise it is refused with the
// reason (原路退回). Accepted: one transaction creates the COUNTER order and takes it
// CREATED → PAID → CREDITED, credits the wallet from source:counter and writes the audit log.
// Idempotent by the client's request key (a double submit books once).
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { AccountStatus } from "@/lib/generated/prisma/enums";
import { fenToYuanString } from "@/lib/money";
import { can } from "@/lib/roles";
import { listCatalogue } from "@/modules/packages/service";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { creditLockedOrder, lockOrder, markOrderPaid, openOrder, rechargeEntryKey } from "@/modules/orders/service";
import { dbText } from "@/lib/pg-text";
import { newOrderNo } from "@/modules/orders/order-no";
import { isPackageMultiple, noteNamesStudent } from "./shared";

/** A single counter recharge above this is refused as a typo (¥2,000). */
export const COUNTER_MAX_FEN = 200_000n;

export interface CounterStudent {
  userId: string;
  studentNo: string;
  name: string;
  status: AccountStatus;
  balanceFen: bigint;
}

/** The operator types a student number: the full name is shown to check against the note. */
export async function lookupCounterStudent(studentNo: string): Promise<CounterStudent> {
  const no = typeof studentNo === "string" ? studentNo.trim() : "";
  if (!/^[0-9A-Za-z]{3,32}$/.test(no)) throw new AppError("RECHARGE_TARGET_NOT_FOUND");
  const u = await db().user.findUnique({
    where: { studentNo: no },
    select: { id: true, studentNo: true, name: true, status: true, wallet: { select: { balanceFen: true } } },
  });
  if (!u || !u.wallet) throw new AppError("RECHARGE_TARGET_NOT_FOUND");
  return { userId: u.id, studentNo: u.studentNo, name: u.name, status: u.status, balanceFen: u.wallet.balanceFen };
}

/** The operator's lookup at the counter: shows a student's name and balance, so it is audited (`staff.read.counter_lookup`). */
export async function readCounterStudentForStaff(staff: Actor, studentNo: string): Promise<CounterStudent> {
  const s = await lookupCounterStudent(studentNo);
  await recordAudit({ actorId: staff.id, subjectId: s.userId, action: "staff.read.counter_lookup", data: { studentNo: s.studentNo } });
  return s;
}

/** The prices a counter amount must be a multiple of: the packages on sale now. */
export async function counterPrices(now = clockNow()): Promise<bigint[]> {
  const prices = [...new Set((await listCatalogue(now)).map((p) => p.priceFen))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return prices;
}

function pricesText(prices: bigint[]): string {
  return prices.map((p) => `¥${fenToYuanString(p).replace(/\.00$/, "")}`).join(" / ");
}

export interface CounterReceipt {
  orderNo: string;
  amountFen: bigint;
  student: { studentNo: string; name: string };
  operator: { studentNo: string; name: string };
  note: string;
  creditedAt: Date;
  balanceAfterFen: bigint;
  journalEntryId: string;
  /** this request key had been booked before: nothing new happened */
  replayed: boolean;
}

/** Check the rules without booking (the form can show the reason before submitting). */
export async function checkCounterRecharge(input: { studentNo: string; amountFen: bigint; note: string; now?: Date }) {
  const student = await lookupCounterStudent(input.studentNo);
  if (typeof input.note !== "string" || !noteNamesStudent(dbText(input.note, 200), student.studentNo, student.name)) {
    throw new AppError("COUNTER_NOTE_INVALID", { studentNo: student.studentNo, name: student.name });
  }
  const prices = await counterPrices(input.now);
  if (typeof input.amountFen !== "bigint" || input.amountFen <= 0n) throw new AppError("AMOUNT_INVALID");
  if (input.amountFen > COUNTER_MAX_FEN) throw new AppError("AMOUNT_TOO_LARGE", { maxYuan: fenToYuanString(COUNTER_MAX_FEN) });
  if (!isPackageMultiple(input.amountFen, prices)) throw new AppError("COUNTER_AMOUNT_INVALID", { prices: pricesText(prices) });
  return { student, prices };
}

export async function counterRecharge(input: {
  operatorId: string;
  studentNo: string;
  amountFen: bigint;
  note: string;
  requestKey: string;
  now?: Date;
}): Promise<CounterReceipt> {
  const now = input.now ?? clockNow();
  const operator = await db().user.findUnique({ where: { id: input.operatorId }, select: { id: true, studentNo: true, name: true, role: true } });
  if (!operator || !can(operator.role, "counter.recharge")) throw new AppError("FORBIDDEN");
  const txnId = `${operator.id}:${input.requestKey}`;
  const entryKey = rechargeEntryKey("COUNTER", txnId);

  const replay = await findCounterReplay(entryKey);
  if (replay) return replay;

  let student: CounterStudent;
  try {
    ({ student } = await checkCounterRecharge({ studentNo: input.studentNo, amountFen: input.amountFen, note: input.note, now }));
  } catch (e) {
    // Refusals are counter operations too: audited with the reason (nothing else changes).
    await recordAudit({
      actorId: operator.id,
      subjectId: null,
      action: "counter.recharge.refused",
      data: {
        studentNo: dbText(input.studentNo, 64),
        amountFen: dbText(input.amountFen, 40),
        note: dbText(input.note, 200),
        reason: dbText((e as { code?: string }).code ?? "ERROR", 64),
      },
    });
    throw e;
  }
  const note = dbText(input.note, 200).trim();

  return db()
    .$transaction(async (tx) => {
      // Serialise a double submit of the same request key; the loser sees the winner's booking.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${entryKey}))`;
      const again = await tx.journalEntry.findUnique({ where: { idempotencyKey: entryKey }, select: { id: true } });
      if (again) return null;
      const before = await tx.ledgerAccount.findUniqueOrThrow({ where: { userId: student.userId }, select: { balanceFen: true } });
      const orderNo = newOrderNo(now);
      const created = await openOrder(
        tx,
        { orderNo, userId: student.userId, createdById: operator.id, channel: "COUNTER", amountFen: input.amountFen, note, expiresAt: now, createdAt: now },
        "counter",
        { operatorId: operator.id },
      );
      await markOrderPaid(
        tx,
        { id: created.id, state: "CREATED" },
        { gatewayTxnId: txnId, paidAmountFen: input.amountFen, paidAt: now },
        "cash received at the counter",
        undefined,
        now,
      );
      const locked = (await lockOrder(tx, orderNo))!;
      const entryId = await creditLockedOrder(tx, locked, { gatewayTxnId: txnId, afterClose: false, actorId: operator.id, now });
      await recordAudit(
        {
          actorId: operator.id,
          subjectId: student.userId,
          action: "counter.recharge",
          data: {
            orderNo,
            studentNo: student.studentNo,
            amountFen: input.amountFen,
            note,
            journalEntryId: entryId,
            before: { balanceFen: before.balanceFen },
            after: { balanceFen: before.balanceFen + input.amountFen },
          },
        },
        tx,
      );
      return {
        orderNo,
        amountFen: input.amountFen,
        student: { studentNo: student.studentNo, name: student.name },
        operator: { studentNo: operator.studentNo, name: operator.name },
        note,
        creditedAt: now,
        balanceAfterFen: before.balanceFen + input.amountFen,
        journalEntryId: entryId,
        replayed: false,
      } satisfies CounterReceipt;
    })
    .then(async (r) => r ?? (await findCounterReplay(entryKey))!);
}

async function findCounterReplay(entryKey: string): Promise<CounterReceipt | null> {
  const entry = await db().journalEntry.findUnique({ where: { idempotencyKey: entryKey }, select: { id: true } });
  if (!entry) return null;
  const o = await db().rechargeOrder.findUnique({
    where: { journalEntryId: entry.id },
    select: {
      orderNo: true,
      amountFen: true,
      note: true,
      creditedAt: true,
      journalEntryId: true,
      user: { select: { studentNo: true, name: true, wallet: { select: { balanceFen: true } } } },
      createdBy: { select: { studentNo: true, name: true } },
    },
  });
  if (!o) return null;
  return {
    orderNo: o.orderNo,
    amountFen: o.amountFen,
    student: { studentNo: o.user.studentNo, name: o.user.name },
    operator: { studentNo: o.createdBy.studentNo, name: o.createdBy.name },
    note: o.note ?? "",
    creditedAt: o.creditedAt!,
    balanceAfterFen: o.user.wallet?.balanceFen ?? 0n,
    journalEntryId: o.journalEntryId!,
    replayed: true,
  };
}
