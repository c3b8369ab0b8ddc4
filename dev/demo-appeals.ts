// The demo campus's 误操作申诉 (modules/appeals), seeded inside seedDemoCampus's transaction once the
// people, wallets and ledger are in: 刘洋 (2023010005) has a package exchanged a few hours ago
// with a pending appeal, and an older exchange whose appeal was refused; 周婷 (2023010006)
// exchanged a package an hour ago and may still appeal it (the e2e test files that appeal).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { MiB } from "@/lib/units";
import { addMonths } from "@/lib/time";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const APPEAL_DEMO = { pending: "2023010005", eligible: "2023010006" } as const;

export interface AppealDemoContext {
  now: Date;
  /** the demo people: user id by 学号/工号, the finance staff member who decided */
  userIds: Map<string, string>;
  staffId: string | null;
  walletIds: Map<string, string>;
  packages: Map<string, { id: string; priceFen: bigint; quotaBytes: bigint }>;
  revenueAccountId: string;
}

export async function seedAppealDemo(client: pg.Client, ctx: AppealDemoContext): Promise<void> {
  const exchange = async (studentNo: string, code: string, at: Date, usedBytes: bigint, state: "ACTIVE" | "EXPIRED") => {
    const userId = ctx.userIds.get(studentNo);
    const pkg = ctx.packages.get(code);
    if (!userId || !pkg) throw new Error(`demo appeals: no ${studentNo} or ${code}`);
    const entryId = randomUUID();
    await client.query(
      `INSERT INTO "journal_entries" ("id","idempotencyKey","kind","memo","createdAt","createdById") VALUES ($1, $2, 'EXCHANGE', $3, $4, $5)`,
      [entryId, `seed:exchange:${entryId}`, `exchange ${code}`, at, userId],
    );
    await client.query(`INSERT INTO "postings" ("entryId","accountId","amountFen","createdAt") VALUES ($1, $2, $3, $5), ($1, $4, $6, $5)`, [
      entryId,
      ctx.walletIds.get(userId),
      (-pkg.priceFen).toString(),
      ctx.revenueAccountId,
      at,
      pkg.priceFen.toString(),
    ]);
    const holdingId = randomUUID();
    await client.query(
      `INSERT INTO "package_holdings" ("id","userId","packageId","journalEntryId","priceFen","quotaBytes","usedBytes","startsAt","expiresAt","state","createdAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::"HoldingState", $8)`,
      [holdingId, userId, pkg.id, entryId, pkg.priceFen.toString(), pkg.quotaBytes.toString(), usedBytes.toString(), at, addMonths(at, 1), state],
    );
    return { userId, holdingId };
  };
  const appeal = async (
    who: { userId: string; holdingId: string },
    reason: string,
    filedAt: Date,
    usedBytes: bigint,
    decision?: { reason: string; at: Date },
  ) => {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "exchange_appeals" ("id","holdingId","userId","reason","state","usedBytesAtFiling","decidedById","decisionReason","decidedAt","createdAt")
       VALUES ($1, $2, $3, $4, $5::"AppealState", $6, $7, $8, $9, $10)`,
      [
        id,
        who.holdingId,
        who.userId,
        reason,
        decision ? "REFUSED" : "PENDING",
        usedBytes.toString(),
        decision ? ctx.staffId : null,
        decision?.reason ?? null,
        decision?.at ?? null,
        filedAt,
      ],
    );
    if (decision) {
      await client.query(
        `INSERT INTO "notifications" ("userId","kind","dedupeKey","data","createdAt","readAt") VALUES ($1, 'APPEAL_REFUSED', $2, $3::jsonb, $4, $4)`,
        [who.userId, `appeal:${id}`, JSON.stringify({ appealId: id, holdingId: who.holdingId, reason: decision.reason }), decision.at],
      );
    }
  };

  const t = ctx.now.getTime();
  // 刘洋: last month's ¥5 package, appealed and refused; today's ¥20 one, appeal pending.
  const old = await exchange(APPEAL_DEMO.pending, "P5", new Date(t - 40 * DAY), 5n * 1024n * MiB, "EXPIRED");
  await appeal(old, "想换购的是 10 元套餐，点错成 5 元的了。", new Date(t - 40 * DAY + 2 * HOUR), 64n * MiB, {
    reason: "经核实为本人正常换购，不属于误操作。",
    at: new Date(t - 39 * DAY),
  });
  const today = await exchange(APPEAL_DEMO.pending, "P20", new Date(t - 5 * HOUR), 36n * MiB, "ACTIVE");
  await appeal(today, "手机放在口袋里误触了换购，本月免费流量还够用，请求退回 20 元。", new Date(t - 4 * HOUR), 31n * MiB);
  // 周婷: an hour-old ¥10 package, still within the window and barely used.
  await exchange(APPEAL_DEMO.eligible, "P10", new Date(t - HOUR), 12n * MiB, "ACTIVE");
}
