import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createUser, fundWallet } from "@/dev/factory";
import { db } from "@/lib/db";
import { postEntry, SYSTEM_ACCOUNT, verifyLedger, walletCode } from "./service";

afterAll(async () => {
  await db().$disconnect();
});

describe("double-entry ledger (real PostgreSQL)", () => {
  it("keeps cached balances equal to posting sums", async () => {
    const u = await createUser(db(), { balanceFen: 1234n });
    const w = await db().ledgerAccount.findUniqueOrThrow({ where: { userId: u.id } });
    expect(w.balanceFen).toBe(1234n);
    const check = await verifyLedger();
    expect(check.balanceMismatches).toEqual([]);
    expect(check.unbalancedEntries).toBe(0);
    expect(check.ok).toBe(true);
  });

  it("refuses an entry whose postings do not sum to zero, even written by hand", async () => {
    const u = await createUser(db());
    await expect(
      db().$transaction(async (tx) => {
        const entry = await tx.journalEntry.create({ data: { idempotencyKey: `bad:${randomUUID()}`, kind: "ADJUSTMENT" } });
        const wallet = await tx.ledgerAccount.findUniqueOrThrow({ where: { code: walletCode(u.id) } });
        const source = await tx.ledgerAccount.findUniqueOrThrow({ where: { code: SYSTEM_ACCOUNT.OPENING } });
        await tx.posting.createMany({
          data: [
            { entryId: entry.id, accountId: wallet.id, amountFen: 100n },
            { entryId: entry.id, accountId: source.id, amountFen: -99n },
          ],
        });
      }),
    ).rejects.toThrow(/not balanced/);
    const w = await db().ledgerAccount.findUniqueOrThrow({ where: { userId: u.id } });
    expect(w.balanceFen).toBe(0n);
  });

  it("refuses an entry with a single posting", async () => {
    await expect(
      db().$transaction(async (tx) => {
        const entry = await tx.journalEntry.create({ data: { idempotencyKey: `one:${randomUUID()}`, kind: "ADJUSTMENT" } });
        const source = await tx.ledgerAccount.findUniqueOrThrow({ where: { code: SYSTEM_ACCOUNT.OPENING } });
        await tx.posting.create({ data: { entryId: entry.id, accountId: source.id, amountFen: 5n } });
      }),
    ).rejects.toThrow(/not balanced/);
  });

  it("never lets a wallet go negative (database CHECK)", async () => {
    const u = await createUser(db(), { balanceFen: 100n });
    await expect(
      db().$transaction((tx) =>
        postEntry(tx, {
          idempotencyKey: `overdraw:${randomUUID()}`,
          kind: "EXCHANGE",
          postings: [
            { accountCode: walletCode(u.id), amountFen: -101n },
            { accountCode: SYSTEM_ACCOUNT.PACKAGE_REVENUE, amountFen: 101n },
          ],
        }),
      ),
    ).rejects.toMatchObject({ code: "INSUFFICIENT_BALANCE" });
    const w = await db().ledgerAccount.findUniqueOrThrow({ where: { userId: u.id } });
    expect(w.balanceFen).toBe(100n);
  });

  it("books an idempotency key once", async () => {
    const u = await createUser(db());
    const key = randomUUID();
    await fundWallet(db(), u.id, 500n, key);
    await fundWallet(db(), u.id, 500n, key);
    const w = await db().ledgerAccount.findUniqueOrThrow({ where: { userId: u.id } });
    expect(w.balanceFen).toBe(500n);
  });

  it("forbids editing balances, postings and entries in place", async () => {
    const u = await createUser(db(), { balanceFen: 300n });
    await expect(db().$executeRaw`UPDATE "ledger_accounts" SET "balanceFen" = 999999 WHERE "userId" = ${u.id}::uuid`).rejects.toThrow(/only through postings/);
    await expect(
      db().$executeRaw`UPDATE "postings" SET "amountFen" = 1 WHERE "accountId" = (SELECT "id" FROM "ledger_accounts" WHERE "userId" = ${u.id}::uuid)`,
    ).rejects.toThrow(/append-only/);
    await expect(
      db()
        .$executeRaw`DELETE FROM "journal_entries" WHERE "createdById" IS NULL AND "memo" = 'opening balance' AND "id" IN (SELECT "entryId" FROM "postings" p JOIN "ledger_accounts" a ON a."id" = p."accountId" WHERE a."userId" = ${u.id}::uuid)`,
    ).rejects.toThrow(/append-only/);
    const w = await db().ledgerAccount.findUniqueOrThrow({ where: { userId: u.id } });
    expect(w.balanceFen).toBe(300n);
  });
});
