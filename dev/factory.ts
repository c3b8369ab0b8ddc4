// The one factory module: the seed, the integration tests and the e2e fixtures all make
// their rows here, through the same ledger and quota rules the app uses.
import { randomUUID } from "node:crypto";
import { now as clockNow } from "@/lib/clock";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { addMonths } from "@/lib/time";
import { DEFAULT_PACKAGES } from "@/modules/packages/catalogue";
import { createWallet, postEntry, SYSTEM_ACCOUNT, walletCode } from "@/modules/ledger/service";

export { DEFAULT_PACKAGES };

export async function ensureCatalogue(db: PrismaClient): Promise<void> {
  for (const p of DEFAULT_PACKAGES) {
    await db.package.upsert({ where: { code: p.code }, create: { ...p, validityMonths: 1 }, update: {} });
  }
}

export async function packageByCode(db: PrismaClient, code: string) {
  return db.package.findUniqueOrThrow({ where: { code }, select: { id: true, code: true, priceFen: true, quotaBytes: true } });
}

let counter = 0;
/** A student number no other test or seed row uses: 9 + 9 random-ish digits. */
export function uniqueStudentNo(): string {
  counter = (counter + 1) % 1000;
  // eslint-disable-next-line no-restricted-syntax -- only makes the number unique
  return `9${String(Date.now() % 1_000_000).padStart(6, "0")}${String(counter).padStart(3, "0")}${Math.floor(Math.random() * 10)}`;
}

export async function createUser(
  db: PrismaClient,
  opts: {
    studentNo?: string;
    name?: string;
    role?: Role;
    status?: "ACTIVE" | "PAUSED" | "SUSPENDED" | "CLOSED";
    oidcSub?: string;
    college?: string;
    balanceFen?: bigint;
  } = {},
) {
  const user = await db.$transaction(async (tx) => {
    const u = await tx.user.create({
      data: {
        studentNo: opts.studentNo ?? uniqueStudentNo(),
        name: opts.name ?? "测试学生",
        role: opts.role ?? "STUDENT",
        status: opts.status ?? "ACTIVE",
        oidcSub: opts.oidcSub ?? null,
        college: opts.college ?? null,
      },
      select: { id: true, studentNo: true, name: true, role: true },
    });
    await createWallet(tx, u.id);
    return u;
  });
  if (opts.balanceFen && opts.balanceFen > 0n) await fundWallet(db, user.id, opts.balanceFen);
  return user;
}

/** Put money in a wallet as an opening balance (a balanced ledger entry, like any other). */
export async function fundWallet(db: PrismaClient, userId: string, amountFen: bigint, key = randomUUID()) {
  await db.$transaction((tx) =>
    postEntry(tx, {
      idempotencyKey: `opening:${key}`,
      kind: "OPENING",
      memo: "opening balance",
      postings: [
        { accountCode: SYSTEM_ACCOUNT.OPENING, amountFen: -amountFen },
        { accountCode: walletCode(userId), amountFen },
      ],
    }),
  );
}

/** Give a student a package holding as if exchanged at `at` (books the exchange in the ledger). */
export async function giveHolding(
  db: PrismaClient,
  userId: string,
  code: string,
  opts: { at?: Date; usedBytes?: bigint; state?: "ACTIVE" | "USED_UP" | "EXPIRED" } = {},
) {
  const pkg = await packageByCode(db, code);
  const at = opts.at ?? clockNow();
  await fundWallet(db, userId, pkg.priceFen);
  return db.$transaction(async (tx) => {
    const { entryId } = await postEntry(tx, {
      idempotencyKey: `exchange:${userId}:${randomUUID()}`,
      kind: "EXCHANGE",
      memo: `exchange ${code}`,
      postings: [
        { accountCode: walletCode(userId), amountFen: -pkg.priceFen },
        { accountCode: SYSTEM_ACCOUNT.PACKAGE_REVENUE, amountFen: pkg.priceFen },
      ],
    });
    return tx.packageHolding.create({
      data: {
        userId,
        packageId: pkg.id,
        journalEntryId: entryId,
        priceFen: pkg.priceFen,
        quotaBytes: pkg.quotaBytes,
        usedBytes: opts.usedBytes ?? 0n,
        startsAt: at,
        expiresAt: addMonths(at, 1),
        state: opts.state ?? "ACTIVE",
        createdAt: at,
      },
      select: { id: true },
    });
  });
}
