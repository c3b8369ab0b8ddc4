import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { freePort, makeTempDir, startEmbeddedPostgres, type RunningPostgres } from "./embedded-pg";
import { applyMigrations } from "./migrate";
import { seedDemoCampus, type SeedResult } from "./demo-campus";
import { dayKey, monthKey } from "@/lib/time";
import { holdingIsLive, speedModeFor } from "@/modules/quota/rules";
import { appealEligibility } from "@/modules/appeals/rules";
import { rmSync } from "node:fs";
import path from "node:path";

// The seed gets its own database: it builds a whole campus, and the other tests' rows must not mix in.
let server: RunningPostgres;
let dir: string;
let client: pg.Client;
let result: SeedResult;
const now = new Date("2026-11-23T06:00:00Z");

beforeAll(async () => {
  dir = makeTempDir("campusnet-seed-");
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false });
  await applyMigrations(server.url);
  result = await seedDemoCampus(server.url, { students: 300, now });
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

describe("demo campus seed", () => {
  it("creates the catalogue, the people and six months of usage", async () => {
    expect(result.students).toBeGreaterThanOrEqual(300);
    const codes = (await client.query(`SELECT "code" FROM "packages" ORDER BY "priceFen"`)).rows.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["P5", "P10", "P20", "P30"]));
    const months = await one(`SELECT COUNT(DISTINCT to_char("day", 'YYYY-MM'))::int AS n FROM "daily_usage"`);
    expect(months.n).toBe(6);
  });

  it("leaves a ledger that balances, with no negative wallet", async () => {
    const unbalanced = await one(`SELECT COUNT(*)::int AS n FROM (SELECT "entryId" FROM "postings" GROUP BY 1 HAVING SUM("amountFen") <> 0) x`);
    expect(unbalanced.n).toBe(0);
    const mismatch = await one(
      `SELECT COUNT(*)::int AS n FROM "ledger_accounts" a WHERE a."balanceFen" <> (SELECT COALESCE(SUM("amountFen"),0) FROM "postings" p WHERE p."accountId" = a."id")`,
    );
    expect(mismatch.n).toBe(0);
    const negative = await one(`SELECT COUNT(*)::int AS n FROM "ledger_accounts" WHERE "kind" = 'STUDENT_WALLET' AND "balanceFen" < 0`);
    expect(negative.n).toBe(0);
  });

  it("has a believable rhythm: weekends busier than weekdays, summer holiday quiet", async () => {
    const r = await one(`
      SELECT AVG(t) FILTER (WHERE dow IN (0,6)) AS weekend, AVG(t) FILTER (WHERE dow IN (1,2,3,4)) AS weekday,
             AVG(t) FILTER (WHERE "day" BETWEEN '2026-07-20' AND '2026-08-20') AS summer,
             AVG(t) FILTER (WHERE "day" BETWEEN '2026-09-10' AND '2026-09-30') AS term
      FROM (SELECT "day", extract(dow FROM "day") AS dow, SUM("uploadBytes" + "downloadBytes") AS t FROM "daily_usage" GROUP BY "day") d`);
    expect(Number(r.weekend)).toBeGreaterThan(Number(r.weekday) * 1.1);
    expect(Number(r.summer)).toBeLessThan(Number(r.term) * 0.4);
  });

  it("has some students holding packages and some throttled now", async () => {
    expect(result.holdings).toBeGreaterThan(0);
    expect(result.throttledNow).toBeGreaterThan(0);
    const active = await one(`SELECT COUNT(*)::int AS n FROM "package_holdings" WHERE "state" = 'ACTIVE'`);
    expect(active.n).toBeGreaterThan(0);
  });

  it("has recharge orders in every state, each credited one booked once in the ledger", async () => {
    const states = (await client.query(`SELECT "state", COUNT(*)::int AS n FROM "recharge_orders" GROUP BY 1`)).rows;
    const byState = Object.fromEntries(states.map((r) => [r.state, r.n]));
    expect(Object.keys(byState).sort()).toEqual(["CLOSED", "CREATED", "CREDITED", "FLAGGED"]);
    const unbooked = await one(`SELECT COUNT(*)::int AS n FROM "recharge_orders" o LEFT JOIN "journal_entries" e ON e."id" = o."journalEntryId"
      WHERE o."state" = 'CREDITED' AND (e."id" IS NULL OR e."kind" <> 'RECHARGE')`);
    expect(unbooked.n).toBe(0);
    const booked = await one(`SELECT COUNT(*)::int AS n FROM "recharge_orders" WHERE "state" <> 'CREDITED' AND "journalEntryId" IS NOT NULL`);
    expect(booked.n).toBe(0);
    const noHistory = await one(
      `SELECT COUNT(*)::int AS n FROM "recharge_orders" o WHERE NOT EXISTS (SELECT 1 FROM "order_events" e WHERE e."orderId" = o."id")`,
    );
    expect(noHistory.n).toBe(0);
    const paidTrades = await one(`SELECT COUNT(*)::int AS n FROM "sandbox_trades" t JOIN "recharge_orders" o ON o."orderNo" = t."outTradeNo"
      WHERE t."state" = 'SUCCESS' AND o."gatewayTxnId" = t."transactionId"`);
    const paidOrders = await one(`SELECT COUNT(*)::int AS n FROM "recharge_orders" WHERE "channel" = 'SANDBOX' AND "paidAt" IS NOT NULL`);
    expect(paidTrades.n).toBe(paidOrders.n);
  });

  it("keeps students recharging: credited top-ups on both channels in the last 30 days (the dashboard's recharges)", async () => {
    const rows = (
      await client.query(
        `SELECT "channel", COUNT(*)::int AS n FROM "recharge_orders" WHERE "state" = 'CREDITED' AND "creditedAt" > $1 AND "creditedAt" <= $2 GROUP BY 1`,
        [new Date(now.getTime() - 30 * 86_400_000), now],
      )
    ).rows;
    const byChannel = Object.fromEntries(rows.map((r) => [r.channel, r.n]));
    expect(byChannel.SANDBOX).toBeGreaterThan(20);
    expect(byChannel.COUNTER).toBeGreaterThan(3);
  });

  it("shows package plans: 张三 auto-renews P10 from next month (one failed booking before), 陈晓 has P20 next month", async () => {
    const plans = (
      await client.query(`
        SELECT u."studentNo", k."code", p."kind"::text AS kind, p."firstMonth" FROM "package_plans" p
        JOIN "users" u ON u."id" = p."userId" JOIN "packages" k ON k."id" = p."packageId"
        WHERE p."cancelledAt" IS NULL AND p."doneAt" IS NULL ORDER BY u."studentNo"`)
    ).rows;
    expect(plans).toEqual([
      { studentNo: "2023010001", code: "P10", kind: "AUTO_RENEW", firstMonth: "2026-12" },
      { studentNo: "2023010004", code: "P20", kind: "NEXT_MONTH", firstMonth: "2026-12" },
    ]);
    const runs = (await client.query(`SELECT "month", "outcome"::text AS outcome FROM "package_plan_runs"`)).rows;
    expect(runs).toEqual([{ month: "2026-09", outcome: "BALANCE_SHORT" }]);
  });

  it("shows appeals: 刘洋 one pending (today's P20, still in use) and one refused with a reason; 周婷 an exchange she may still appeal", async () => {
    const appeals = (
      await client.query(`
        SELECT k."code", a."state"::text AS state, a."decisionReason" IS NOT NULL AS "hasReason", h."state"::text AS holding FROM "exchange_appeals" a
        JOIN "users" u ON u."id" = a."userId" JOIN "package_holdings" h ON h."id" = a."holdingId" JOIN "packages" k ON k."id" = h."packageId"
        WHERE u."studentNo" = '2023010005' ORDER BY a."createdAt"`)
    ).rows;
    expect(appeals).toEqual([
      { code: "P5", state: "REFUSED", hasReason: true, holding: "EXPIRED" },
      { code: "P20", state: "PENDING", hasReason: false, holding: "ACTIVE" },
    ]);
    const policy = await one(`SELECT "appealWindowHours", "appealMaxUsedBytes" FROM "service_policy" WHERE "id" = 1`);
    const zhou = (await client.query(`SELECT h.* FROM "package_holdings" h JOIN "users" u ON u."id" = h."userId" WHERE u."studentNo" = '2023010006'`)).rows.map(
      (h) => ({ createdAt: h.createdAt, usedBytes: BigInt(h.usedBytes), quotaBytes: BigInt(h.quotaBytes), expiresAt: h.expiresAt, state: h.state }),
    );
    expect(
      zhou.map((h) => appealEligibility(h, { appealWindowHours: policy.appealWindowHours, appealMaxUsedBytes: BigInt(policy.appealMaxUsedBytes) }, now).status),
    ).toEqual(["ELIGIBLE"]);
  });

  it("gives the demo accounts the states their IdP hints promise", async () => {
    const zhang = await one(`SELECT u."id", a."balanceFen" FROM "users" u JOIN "ledger_accounts" a ON a."userId" = u."id" WHERE "studentNo" = '2023010001'`);
    const zhangPkg = await one(`SELECT COUNT(*)::int AS n FROM "package_holdings" WHERE "userId" = $1 AND "state" = 'ACTIVE'`, [zhang.id]);
    expect(zhangPkg.n).toBe(1);
    const li = await one(`SELECT u."id", a."balanceFen" FROM "users" u JOIN "ledger_accounts" a ON a."userId" = u."id" WHERE "studentNo" = '2023010002'`);
    expect(BigInt(li.balanceFen)).toBe(2500n);
    const liQuota = await one(`SELECT "freeBytes" - "freeUsedBytes" AS left FROM "monthly_quotas" WHERE "userId" = $1 AND "month" = '2026-11'`, [li.id]);
    expect(BigInt(liQuota.left)).toBe(0n);
    const newcomer = await one(`SELECT COUNT(*)::int AS n FROM "users" WHERE "studentNo" = '2023010003'`);
    expect(newcomer.n).toBe(0);
    const admin = await one(`SELECT "role" FROM "users" WHERE "studentNo" = 'A20150001'`);
    expect(admin.role).toBe("ADMIN");
  });

  it("gives 张三 a live guest pass (访客码) with a visitor online and some data used, and an ended one", async () => {
    const passes = (
      await client.query(
        `SELECT g."code", g."usedBytes", g."maxBytes", g."expiresAt", g."revokedAt",
                (SELECT count(*)::int FROM "radius_sessions" s WHERE s."guestPassId" = g."id" AND s."state" = 'ACTIVE' AND s."userId" = g."issuerId") AS "online"
         FROM "guest_passes" g JOIN "users" u ON u."id" = g."issuerId" WHERE u."studentNo" = '2023010001' ORDER BY g."createdAt" DESC`,
      )
    ).rows;
    expect(passes.map((p) => p.code)).toEqual(["HAPPY2", "WK3RT9"]);
    const [live, ended] = passes;
    expect(live.expiresAt.getTime()).toBeGreaterThan(now.getTime());
    expect(live.revokedAt).toBeNull();
    expect(BigInt(live.usedBytes)).toBeGreaterThan(0n);
    expect(BigInt(live.usedBytes)).toBeLessThan(BigInt(live.maxBytes));
    expect(live.online).toBe(1);
    expect(ended.expiresAt.getTime()).toBeLessThan(now.getTime());
    expect(ended.online).toBe(0);
    // the visitor's device is not one of 张三's devices
    const dev = await one(
      `SELECT count(*)::int AS n FROM "devices" d JOIN "users" u ON u."id" = d."userId" WHERE u."studentNo" = '2023010001' AND d."mac" LIKE '5C:E9:1E:44:%'`,
    );
    expect(dev.n).toBe(0);
  });

  it("shows a paused student (停机保号) whose package is frozen until the resume day", async () => {
    const wu = await one(
      `SELECT u."id", u."status", a."balanceFen" FROM "users" u JOIN "ledger_accounts" a ON a."userId" = u."id" WHERE "studentNo" = '2023010020'`,
    );
    expect(wu.status).toBe("PAUSED");
    expect(BigInt(wu.balanceFen)).toBe(2000n);
    const pause = await one(`SELECT "state", "startedAt", "endsAt" FROM "account_pauses" WHERE "userId" = $1`, [wu.id]);
    expect(pause).toMatchObject({ state: "ACTIVE", startedAt: new Date("2026-11-19T16:00:00Z"), endsAt: new Date("2026-12-03T16:00:00Z") });
    const h = await one(`SELECT "state", "expiresAt", "frozenRemainingMs" FROM "package_holdings" WHERE "userId" = $1`, [wu.id]);
    expect(h.state).toBe("FROZEN");
    expect(BigInt(h.frozenRemainingMs)).toBe(BigInt(h.expiresAt.getTime() - pause.startedAt.getTime()));
  });
});

// The README's demo personas hold on every day of the month: seeded with the clock at the
// first minute of a month, the last minute of one and in the middle, each persona is as promised.
describe("the demo personas, whatever the date", () => {
  const instants = [
    "2026-12-01T00:00:30+08:00",
    "2027-02-28T23:59:30+08:00",
    "2027-01-16T13:00:00+08:00",
    "2028-02-29T12:00:00+08:00",
    "2026-12-31T23:59:00+08:00",
  ];
  const personas = new Map<string, pg.Client>();

  beforeAll(async () => {
    for (const [i, at] of instants.entries()) {
      const name = `personas_${i}`;
      await client.query(`CREATE DATABASE ${name}`);
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      await applyMigrations(url.toString());
      await seedDemoCampus(url.toString(), { students: 8, now: new Date(at) });
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      personas.set(at, c);
    }
  }, 240_000);
  afterAll(async () => {
    for (const c of personas.values()) await c.end();
  });

  /** A persona as the student home shows it at `at`, by the app's own quota rules. */
  async function persona(at: string, studentNo: string) {
    const c = personas.get(at)!;
    const now = new Date(at);
    const u = (
      await c.query(`SELECT u."id", a."balanceFen" FROM "users" u JOIN "ledger_accounts" a ON a."userId" = u."id" WHERE u."studentNo" = $1`, [studentNo])
    ).rows[0];
    const mq = (await c.query(`SELECT "freeBytes", "freeUsedBytes" FROM "monthly_quotas" WHERE "userId" = $1 AND "month" = $2`, [u.id, monthKey(now)])).rows[0];
    const holdings = (
      await c.query(`SELECT "state", "quotaBytes", "usedBytes", "expiresAt" FROM "package_holdings" WHERE "userId" = $1 AND "state" = 'ACTIVE'`, [u.id])
    ).rows;
    const live = holdings
      .map((h) => ({ state: h.state as string, quotaBytes: BigInt(h.quotaBytes), usedBytes: BigInt(h.usedBytes), expiresAt: h.expiresAt as Date }))
      .filter((h) => holdingIsLive(h, now));
    const freeLeft = mq ? BigInt(mq.freeBytes) - BigInt(mq.freeUsedBytes) : 20n * 1024n ** 3n;
    const packageLeft = live.reduce((s, h) => s + h.quotaBytes - h.usedBytes, 0n);
    return {
      balanceFen: BigInt(u.balanceFen),
      activeHoldings: holdings.length,
      live: live.length,
      freeLeft,
      packageLeft,
      speed: speedModeFor(freeLeft, packageLeft),
    };
  }

  it.each(instants)("at %s: 李四 throttled with ¥25.00, 张三 a live package, 陈晓 ¥80.00 without one", async (at) => {
    const li = await persona(at, "2023010002");
    expect(li).toMatchObject({ balanceFen: 2500n, activeHoldings: 0, freeLeft: 0n, speed: "THROTTLED" });

    const zhang = await persona(at, "2023010001");
    expect(zhang.live).toBe(1);
    expect(zhang.activeHoldings).toBe(1); // one package at a time, and no expired one left ACTIVE
    expect(zhang.packageLeft).toBeGreaterThan(0n);
    expect(zhang.speed).toBe("HIGH_SPEED");

    const chen = await persona(at, "2023010004");
    expect(chen).toMatchObject({ balanceFen: 8000n, activeHoldings: 0, speed: "HIGH_SPEED" });

    const c = personas.get(at)!;
    expect((await c.query(`SELECT COUNT(*)::int AS n FROM "users" WHERE "studentNo" = '2023010003'`)).rows[0].n).toBe(0);
    // Nothing is booked, bought or used after the clock's now.
    const later = (
      await c.query(
        `SELECT (SELECT COUNT(*) FROM "journal_entries" WHERE "createdAt" > $1)::int + (SELECT COUNT(*) FROM "package_holdings" WHERE "startsAt" > $1)::int
            + (SELECT COUNT(*) FROM "daily_usage" WHERE "day" > $2::date)::int AS n`,
        [new Date(at), dayKey(new Date(at))],
      )
    ).rows[0].n;
    expect(later).toBe(0);
    // The ledger still balances, and no wallet went negative on the way.
    expect((await c.query(`SELECT COUNT(*)::int AS n FROM "ledger_accounts" WHERE "kind" = 'STUDENT_WALLET' AND "balanceFen" < 0`)).rows[0].n).toBe(0);
  });

  it("grants a month's free quota at 00:00 on its first day", async () => {
    const c = personas.get("2026-12-01T00:00:30+08:00")!;
    const r = (await c.query(`SELECT DISTINCT "createdAt" FROM "monthly_quotas" WHERE "month" = '2026-12'`)).rows;
    expect(r.map((x) => (x.createdAt as Date).toISOString())).toEqual(["2026-11-30T16:00:00.000Z"]);
  });
});
