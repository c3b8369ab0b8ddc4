// The demo campus's 停机保号 (modules/pauses), seeded inside seedDemoCampus's transaction once the
// people, wallets and ledger are in: 吴磊 (2023010020) went home three days ago; his account is
// PAUSED until 00:00 on a day eleven days from now, and the package he bought twelve days ago is
// FROZEN with the validity it had left when the pause began (it comes back with exactly that).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { GiB } from "@/lib/units";
import { addMonths, dayKey, shanghaiDayRange } from "@/lib/time";

const DAY = 86_400_000;

export const PAUSE_DEMO = { paused: "2023010020" } as const;

export interface PauseDemoContext {
  now: Date;
  userIds: Map<string, string>;
  walletIds: Map<string, string>;
  packages: Map<string, { id: string; priceFen: bigint; quotaBytes: bigint }>;
  revenueAccountId: string;
}

/** 00:00 Asia/Shanghai of the day `n` days from the day `at` falls on. */
const midnightIn = (at: Date, n: number) => new Date(shanghaiDayRange(dayKey(at)).from.getTime() + n * DAY);

export async function seedPauseDemo(client: pg.Client, ctx: PauseDemoContext): Promise<void> {
  const userId = ctx.userIds.get(PAUSE_DEMO.paused);
  const pkg = ctx.packages.get("P10");
  if (!userId || !pkg) throw new Error(`demo pauses: no ${PAUSE_DEMO.paused} or P10`);
  const boughtAt = new Date(ctx.now.getTime() - 12 * DAY);
  const startedAt = midnightIn(ctx.now, -3);
  const endsAt = midnightIn(ctx.now, 11);
  const expiresAt = addMonths(boughtAt, 1);

  const entryId = randomUUID();
  await client.query(`INSERT INTO "journal_entries" ("id","idempotencyKey","kind","memo","createdAt","createdById") VALUES ($1, $2, 'EXCHANGE', $3, $4, $5)`, [
    entryId,
    `seed:exchange:${entryId}`,
    "exchange P10",
    boughtAt,
    userId,
  ]);
  await client.query(`INSERT INTO "postings" ("entryId","accountId","amountFen","createdAt") VALUES ($1, $2, $3, $5), ($1, $4, $6, $5)`, [
    entryId,
    ctx.walletIds.get(userId),
    (-pkg.priceFen).toString(),
    ctx.revenueAccountId,
    boughtAt,
    pkg.priceFen.toString(),
  ]);
  await client.query(
    `INSERT INTO "package_holdings" ("id","userId","packageId","journalEntryId","priceFen","quotaBytes","usedBytes","startsAt","expiresAt","state","frozenRemainingMs","createdAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, 'FROZEN', $9, $7)`,
    [
      userId,
      pkg.id,
      entryId,
      pkg.priceFen.toString(),
      pkg.quotaBytes.toString(),
      (3n * GiB).toString(),
      boughtAt,
      expiresAt,
      expiresAt.getTime() - startedAt.getTime(),
    ],
  );
  await client.query(
    `INSERT INTO "account_pauses" ("id","userId","state","startsAt","endsAt","startedAt","createdById","createdAt")
     VALUES (gen_random_uuid(), $1, 'ACTIVE', $2, $3, $2, $1, $4)`,
    [userId, startedAt, endsAt, new Date(startedAt.getTime() - 2 * DAY)],
  );
  await client.query(`UPDATE "users" SET "status" = 'PAUSED' WHERE "id" = $1`, [userId]);
  await client.query(`INSERT INTO "audit_log" ("actorId","subjectId","action","data","createdAt") VALUES ($1, $1, 'account.pause', $2::jsonb, $3)`, [
    userId,
    JSON.stringify({ startsAt: startedAt, endsAt, days: 14, now: true }),
    startedAt,
  ]);
}
