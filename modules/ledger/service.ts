import "server-only";
// The double-entry ledger: the only writer of money. A balance changes only by a posting
// (a database trigger keeps ledger_accounts.balanceFen = sum of postings), every entry sums
// to zero (deferred constraint trigger), wallets never go negative (CHECK), and each entry
// has a unique idempotency key, so the same business event can never be booked twice.
import { now } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { JournalKind } from "@/lib/generated/prisma/enums";

export type Tx = Prisma.TransactionClient;

export const SYSTEM_ACCOUNT = {
  PACKAGE_REVENUE: "revenue:packages",
  OPENING: "source:opening",
  COUNTER: "source:counter",
  SANDBOX: "source:sandbox",
  WECHAT: "source:wechat",
  ALIPAY: "source:alipay",
} as const;
export type SystemAccountCode = (typeof SYSTEM_ACCOUNT)[keyof typeof SYSTEM_ACCOUNT];

export function walletCode(userId: string): string {
  return `wallet:${userId}`;
}

export interface PostingInput {
  accountCode: string;
  amountFen: bigint;
}

export interface EntryInput {
  idempotencyKey: string;
  kind: JournalKind;
  memo?: string;
  createdById?: string | null;
  postings: PostingInput[];
}

export async function createWallet(tx: Tx, userId: string): Promise<void> {
  await tx.ledgerAccount.upsert({
    where: { code: walletCode(userId) },
    create: { code: walletCode(userId), kind: "STUDENT_WALLET", userId },
    update: {},
  });
}

/** Lock a student's wallet row for the rest of the transaction; serialises money actions per student. */
export async function lockWallet(tx: Tx, userId: string): Promise<{ id: string; balanceFen: bigint }> {
  const rows = await tx.$queryRaw<{ id: string; balanceFen: bigint }[]>`
    SELECT "id", "balanceFen" FROM "ledger_accounts" WHERE "userId" = ${userId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", { what: "wallet" });
  return row;
}

function isWalletNegativeViolation(e: unknown): boolean {
  const text = String((e as { message?: string })?.message ?? "") + JSON.stringify((e as { meta?: unknown })?.meta ?? {});
  return text.includes("ledger_accounts_wallet_non_negative");
}

/**
 * Book one balanced journal entry. Returns created=false (and books nothing) when an entry
 * with the same idempotency key already exists. Must run inside a transaction.
 */
export async function postEntry(tx: Tx, input: EntryInput): Promise<{ entryId: string; created: boolean }> {
  if (input.postings.length < 2) throw new Error("a journal entry needs at least two postings");
  let sum = 0n;
  for (const p of input.postings) {
    if (typeof p.amountFen !== "bigint" || p.amountFen === 0n) throw new Error("posting amounts must be non-zero bigint fen");
    sum += p.amountFen;
  }
  if (sum !== 0n) throw new Error(`journal entry does not balance: ${sum}`);

  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "journal_entries" ("id", "idempotencyKey", "kind", "memo", "createdById", "createdAt")
    VALUES (gen_random_uuid(), ${input.idempotencyKey}, ${input.kind}::"JournalKind", ${input.memo ?? null},
            ${input.createdById ?? null}::uuid, ${now()}::timestamptz)
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 0) {
    const existing = await tx.journalEntry.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
    return { entryId: existing.id, created: false };
  }
  const entryId = inserted[0]!.id;

  const codes = [...new Set(input.postings.map((p) => p.accountCode))];
  const accounts = await tx.ledgerAccount.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const idByCode = new Map(accounts.map((a) => [a.code, a.id]));
  for (const code of codes) if (!idByCode.has(code)) throw new Error(`unknown ledger account ${code}`);
  try {
    await tx.posting.createMany({
      data: input.postings.map((p) => ({ entryId, accountId: idByCode.get(p.accountCode)!, amountFen: p.amountFen })),
    });
  } catch (e) {
    if (isWalletNegativeViolation(e)) throw new AppError("INSUFFICIENT_BALANCE");
    throw e;
  }
  return { entryId, created: true };
}

export async function getWalletBalance(userId: string): Promise<bigint> {
  const w = await db().ledgerAccount.findUnique({ where: { userId }, select: { balanceFen: true } });
  return w?.balanceFen ?? 0n;
}

export interface LedgerCheck {
  entries: number;
  unbalancedEntries: number;
  balanceMismatches: { code: string; cachedFen: bigint; postedFen: bigint }[];
  negativeWallets: number;
  ok: boolean;
}

/** Prove the invariants from the data itself (used by tests, the admin health page and the chaos run). */
export async function verifyLedger(client: Prisma.TransactionClient = db()): Promise<LedgerCheck> {
  const [{ entries, unbalanced }] = (await client.$queryRaw<{ entries: bigint; unbalanced: bigint }[]>`
    SELECT (SELECT COUNT(*) FROM "journal_entries") AS entries,
           (SELECT COUNT(*) FROM (
              SELECT e."id" FROM "journal_entries" e LEFT JOIN "postings" p ON p."entryId" = e."id"
              GROUP BY e."id" HAVING COUNT(p."id") < 2 OR COALESCE(SUM(p."amountFen"), 0) <> 0) x) AS unbalanced`) as [{ entries: bigint; unbalanced: bigint }];
  const mismatches = await client.$queryRaw<{ code: string; cachedFen: bigint; postedFen: bigint }[]>`
    SELECT a."code", a."balanceFen" AS "cachedFen", COALESCE(SUM(p."amountFen"), 0)::bigint AS "postedFen"
    FROM "ledger_accounts" a LEFT JOIN "postings" p ON p."accountId" = a."id"
    GROUP BY a."id" HAVING a."balanceFen" <> COALESCE(SUM(p."amountFen"), 0)`;
  const [{ negative }] = (await client.$queryRaw<{ negative: bigint }[]>`
    SELECT COUNT(*) AS negative FROM "ledger_accounts" WHERE "kind" = 'STUDENT_WALLET' AND "balanceFen" < 0`) as [{ negative: bigint }];
  return {
    entries: Number(entries),
    unbalancedEntries: Number(unbalanced),
    balanceMismatches: mismatches,
    negativeWallets: Number(negative),
    ok: Number(unbalanced) === 0 && mismatches.length === 0 && Number(negative) === 0,
  };
}

/**
 * A correction never edits: book the exact opposite of an entry as a REVERSAL under
 * `idempotencyKey` (created=false when that key was booked before). Wallets the reversal
 * debits must be locked by the caller; a wallet that would go negative → INSUFFICIENT_BALANCE.
 */
export async function postReversal(
  tx: Tx,
  input: { entryId: string; idempotencyKey: string; memo?: string; createdById?: string | null },
): Promise<{ entryId: string; created: boolean }> {
  const postings = await tx.posting.findMany({
    where: { entryId: input.entryId },
    orderBy: { id: "asc" },
    select: { amountFen: true, account: { select: { code: true } } },
  });
  if (postings.length < 2) throw new AppError("NOT_FOUND", { what: "entry" });
  return postEntry(tx, {
    idempotencyKey: input.idempotencyKey,
    kind: "REVERSAL",
    memo: input.memo ?? `reversal of ${input.entryId}`,
    createdById: input.createdById ?? null,
    postings: postings.map((p) => ({ accountCode: p.account.code, amountFen: -p.amountFen })),
  });
}
