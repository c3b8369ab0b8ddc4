// Property-based tests (fast-check): bad input fed to every money action and endpoint —
// negative, zero, NaN, huge, too many decimals, wrong types, other users' ids. Each case must
// get a clear error (a validation error or an expected AppError code; for endpoints a 4xx),
// never a 500, and nothing may change. ≥ 1,000 cases per action/endpoint.
//
// The session cookie (next-auth) is the outside world here: getServerSession is replaced by a
// stub returning the test's user id, and next-intl's translator by a key echo; everything else —
// the guards of lib/auth.ts, action clients, zod schemas, services, route handlers and
// PostgreSQL — is real.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/modules/accounts/service";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));

import { ensureCatalogue, packageByCode } from "@/dev/factory";
import { db } from "@/lib/db";
import { APP_ERROR_CODES } from "@/lib/errors";
import { verifyLedger } from "@/modules/ledger/service";
import { exchangePackage } from "@/modules/packages/service";
import { getRefundableAction, refundOrderAction, resolveFlaggedOrderAction, reverseEntryAction, runReconciliationAction } from "@/modules/finance/actions";
import {
  cancelOrderAction,
  counterLookupAction,
  counterRechargeAction,
  createRechargeOrderAction,
  lookupRechargeTargetAction,
  resumePaymentAction,
} from "./actions";
import { counterPrices } from "./counter.service";
import { notifySandbox, payAtSandbox, sandboxOrder, sandboxSigner, student, v3Notification } from "./test-helpers";
import { POST as sandboxNotify } from "@/app/api/payments/sandbox/notify/route";
import { POST as wechatNotify } from "@/app/api/payments/wechat/notify/route";
import { POST as alipayNotify } from "@/app/api/payments/alipay/notify/route";
import { POST as healRoute } from "@/app/api/payments/heal/route";
import { GET as orderStatusRoute } from "@/app/api/payments/orders/[orderNo]/route";
import { GET as ledgerCsvRoute } from "@/app/api/finance/ledger/route";
import { GET as totalsRoute } from "@/app/api/finance/totals/route";
import { GET as reconCsvRoute } from "@/app/api/finance/reconciliation/[runId]/route";
import { GET as sandboxApiGet, POST as sandboxApiPost } from "@/app/api/payments/sandbox/v3/[...path]/route";
import { POST as checkoutRoute } from "@/app/api/payments/sandbox/checkout/[outTradeNo]/route";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const EXPECTED = new Set<string>(APP_ERROR_CODES);

type AnyAction = (input: never) => Promise<{ data?: unknown; serverError?: { code: string }; validationErrors?: unknown } | undefined>;

/** A clear refusal: validation errors, or an expected (non-INTERNAL) error code; no data. */
function refusedClearly(r: Awaited<ReturnType<AnyAction>>): boolean {
  if (!r || r.data !== undefined) return false;
  if (r.validationErrors) return true;
  return !!r.serverError && r.serverError.code !== "INTERNAL" && EXPECTED.has(r.serverError.code);
}

async function snapshot() {
  const [row] = await db().$queryRaw<
    { entries: bigint; postings: bigint; orders: bigint; refunds: bigint; runs: bigint; trades: bigint; paid: bigint; wallets: bigint | null }[]
  >`
    SELECT (SELECT COUNT(*) FROM "journal_entries") AS entries, (SELECT COUNT(*) FROM "postings") AS postings,
           (SELECT COUNT(*) FROM "recharge_orders") AS orders, (SELECT COUNT(*) FROM "refunds") AS refunds,
           (SELECT COUNT(*) FROM "reconciliation_runs") AS runs, (SELECT COUNT(*) FROM "sandbox_trades") AS trades,
           (SELECT COUNT(*) FROM "recharge_orders" WHERE "state" <> 'CREATED') AS paid,
           (SELECT SUM("balanceFen") FROM "ledger_accounts" WHERE "kind" = 'STUDENT_WALLET') AS wallets`;
  return JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

/** Independent of the code under test: a well-formed yuan amount within [min, max]. */
/** What a person may type and the app accepts: surrounding spaces, full-width digits and points (IME input). */
function normaliseTyped(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\uFF0E\u3002]/g, ".");
}

function wellFormedWithin(raw: unknown, minFen: number, maxFen: number): boolean {
  if (typeof raw !== "string") return false;
  const s = normaliseTyped(raw);
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return false;
  const [i, f = ""] = s.split(".");
  const fen = Number(i) * 100 + Number(f.padEnd(2, "0"));
  return fen >= minFen && fen <= maxFen;
}

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })),
  fc.bigInt().map((b) => b as unknown),
);
const nastyAmount = fc.constantFrom(
  "-5",
  "-0",
  "0",
  "0.00",
  "4.99",
  "500.01",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e3",
  "5.001",
  "10.",
  ".5",
  "",
  " ",
  "¥10",
  "10元",
  "1,000",
  "9".repeat(30),
  "0x10",
  "5.5.5",
  "５００.０１",
  "1/2",
  "10 ",
  "+10",
  "1_000",
  "Ⅴ",
);
const anyAmountString = fc.oneof(
  nastyAmount,
  fc.string({ maxLength: 40 }),
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.integer({ min: -100000, max: 10_000_000 }).map((n) => (n / 1000).toFixed(3)),
);
/** Well-formed yuan text outside ¥5–¥500: parsed at the edge (yuanSchema), refused by the service's policy. */
const outOfPolicy = fc.oneof(fc.integer({ min: 0, max: 499 }), fc.integer({ min: 50_001, max: 100_000_000 })).map((fen) => (fen / 100).toFixed(2));
/** Amounts that are wrong for an online recharge (outside ¥5–¥500, malformed, or the wrong type); unparseable text stops at the edge, so well-formed ones weigh more and enough cases still reach the service. */
const badRechargeAmount = fc.oneof(
  { arbitrary: outOfPolicy, weight: 3 },
  anyAmountString.filter((s) => !wellFormedWithin(s, 500, 50000)),
  wrongType,
);
const garbageString = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom("", " ", "R2026", "'; DROP TABLE users;--", "\u0000", "../../etc/passwd", "__proto__", "R".repeat(500)),
);
const maybeUuid = fc.oneof(fc.uuid(), garbageString, wrongType);

/** Runs the property; returns how many cases got past zod into the service (so not everything is a type error). */
async function run(action: AnyAction, arb: fc.Arbitrary<unknown>, check?: (r: Awaited<ReturnType<AnyAction>>) => boolean): Promise<number> {
  const before = await snapshot();
  let reachedService = 0;
  await fc.assert(
    fc.asyncProperty(arb, async (input) => {
      const r = await action(input as never);
      if (!refusedClearly(r)) throw new Error(`not a clear refusal: ${JSON.stringify(r)}`);
      if (check && !check(r)) throw new Error(`unexpected refusal: ${JSON.stringify(r)}`);
      if (r?.serverError) reachedService++;
    }),
    { numRuns: RUNS },
  );
  expect(await snapshot()).toBe(before);
  return reachedService;
}

let stu: SessionUser, other: SessionUser, operator: SessionUser, finance: SessionUser;
let othersOrders: string[] = [];
let spentOrderNo = "";
let spentEntryId = "";
let exchangeEntryId = "";
let prices: bigint[] = [];

function as(u: SessionUser) {
  session.userId = u.id;
}

beforeAll(async () => {
  await ensureCatalogue(db());
  const mk = async (role: SessionUser["role"], name: string) => {
    const u = await student({ role, name });
    return { id: u.id, studentNo: u.studentNo, name: u.name, role, status: "ACTIVE" as const };
  };
  [stu, other, operator, finance] = await Promise.all([mk("STUDENT", "属性测试"), mk("STUDENT", "别人"), mk("OPERATOR", "柜台"), mk("FINANCE", "财务")]);
  othersOrders = (await Promise.all([sandboxOrder(other.id, "10"), sandboxOrder(other.id, "20")])).map((o) => o.orderNo);
  // A credited order whose money is all spent: any refund or reversal must be refused.
  const spent = await sandboxOrder(stu.id, "10");
  await notifySandbox(spent.orderNo, 1000n, await payAtSandbox(spent.orderNo));
  const P10 = await packageByCode(db(), "P10");
  const ex = await exchangePackage({ userId: stu.id, packageId: P10.id, requestKey: randomUUID() });
  spentOrderNo = spent.orderNo;
  spentEntryId = (await db().rechargeOrder.findUniqueOrThrow({ where: { orderNo: spent.orderNo } })).journalEntryId!;
  exchangeEntryId = (await db().packageHolding.findUniqueOrThrow({ where: { id: ex.holdingId } })).journalEntryId;
  prices = await counterPrices();
});

afterAll(async () => {
  session.userId = null;
  expect((await verifyLedger()).ok).toBe(true);
  for (const no of othersOrders) expect((await db().rechargeOrder.findUniqueOrThrow({ where: { orderNo: no } })).state).toBe("CREATED");
  await db().$disconnect();
});

describe(`money actions refuse bad input clearly and change nothing (${RUNS} cases each)`, () => {
  it("createRechargeOrderAction: bad amounts, channels, targets", async () => {
    as(stu);
    const served = await run(
      createRechargeOrderAction as AnyAction,
      fc.record(
        {
          amountYuan: badRechargeAmount,
          channel: fc.oneof({ arbitrary: fc.constant("SANDBOX"), weight: 3 }, fc.constantFrom("WECHAT", "ALIPAY", "COUNTER", "CAMPUS_CARD", ""), wrongType),
          targetStudentNo: fc.option(garbageString),
        },
        { requiredKeys: [] },
      ),
    );
    expect(served).toBeGreaterThan(RUNS / 20);
  });

  it("lookupRechargeTargetAction: unknown or malformed student numbers", async () => {
    as(stu);
    await run(lookupRechargeTargetAction as AnyAction, fc.record({ studentNo: fc.oneof(garbageString, wrongType) }, { requiredKeys: [] }));
  });

  it("cancelOrderAction / resumePaymentAction: other users' orders and garbage", async () => {
    as(stu);
    const orderNo = fc.oneof(fc.constantFrom(...othersOrders), garbageString, wrongType, fc.stringMatching(/^R\d{14}[0-9A-Z]{6}$/));
    await run(cancelOrderAction as AnyAction, fc.record({ orderNo }));
    await run(resumePaymentAction as AnyAction, fc.record({ orderNo }));
  });

  it("counterRechargeAction: amounts that are no package multiple, bad notes, bad keys; students are forbidden", async () => {
    as(operator);
    const target = await student({ name: "柜台学生" });
    const note = fc.oneof({ arbitrary: fc.constant(`${target.studentNo} 柜台学生`), weight: 4 }, garbageString, wrongType);
    const notMultiple = fc
      .integer({ min: 1, max: 199_999 })
      .filter((fen) => !prices.some((p) => BigInt(fen) % p === 0n))
      .map((fen) => (fen / 100).toFixed(2));
    // Unparseable text stops at the edge (yuanSchema); parseable amounts weigh more so the service still decides enough cases.
    const badCounterAmount = fc.oneof(
      { arbitrary: notMultiple, weight: 3 },
      anyAmountString.filter((raw) => {
        const s = normaliseTyped(raw);
        return !/^\d{1,9}(\.\d{1,2})?$/.test(s) || Number(s) <= 0 || Number(s) > 2000 || !prices.some((p) => BigInt(Math.round(Number(s) * 100)) % p === 0n);
      }),
      wrongType,
    );
    const served = await run(
      counterRechargeAction as AnyAction,
      fc.record(
        {
          studentNo: fc.oneof({ arbitrary: fc.constant(target.studentNo), weight: 4 }, garbageString),
          amountYuan: badCounterAmount,
          note,
          requestKey: maybeUuid,
        },
        { requiredKeys: [] },
      ),
    );
    expect(served).toBeGreaterThan(RUNS / 20);
    as(stu);
    await run(
      counterRechargeAction as AnyAction,
      fc.record({
        studentNo: fc.constant(target.studentNo),
        amountYuan: fc.constantFrom("5", "10", "30"),
        note: fc.constant(`${target.studentNo} 柜台学生`),
        requestKey: fc.uuid(),
      }),
      (r) => r?.serverError?.code === "FORBIDDEN",
    );
    await run(counterLookupAction as AnyAction, fc.record({ studentNo: fc.constant(target.studentNo) }), (r) => r?.serverError?.code === "FORBIDDEN");
    expect((await db().ledgerAccount.findUniqueOrThrow({ where: { userId: target.id } })).balanceFen).toBe(0n);
  });

  it("refundOrderAction: over the unspent balance, bad amounts, no reason, unknown orders; students are forbidden", async () => {
    as(finance);
    // Bad amount text now stops at the edge (yuanSchema): the real order weighs more, so enough cases still reach the service.
    const served = await run(
      refundOrderAction as AnyAction,
      fc.record(
        {
          orderNo: fc.oneof({ arbitrary: fc.constant(spentOrderNo), weight: 4 }, fc.constantFrom(...othersOrders), garbageString, wrongType),
          amountYuan: fc.oneof(anyAmountString, { arbitrary: fc.constantFrom("0.01", "10", "5"), weight: 3 }, wrongType),
          reason: fc.oneof(fc.string({ maxLength: 30 }), wrongType),
          requestKey: maybeUuid,
        },
        { requiredKeys: [] },
      ),
    );
    expect(served).toBeGreaterThan(RUNS / 50);
    as(stu);
    await run(
      refundOrderAction as AnyAction,
      fc.record({ orderNo: fc.constant(spentOrderNo), amountYuan: fc.constant("1"), reason: fc.constant("我要退款"), requestKey: fc.uuid() }),
      (r) => r?.serverError?.code === "FORBIDDEN",
    );
    await run(getRefundableAction as AnyAction, fc.record({ orderNo: fc.constant(spentOrderNo) }), (r) => r?.serverError?.code === "FORBIDDEN");
  });

  it("reverseEntryAction: spent money, exchanges, unknown entries, no reason", async () => {
    as(finance);
    const served = await run(
      reverseEntryAction as AnyAction,
      fc.record(
        { entryId: fc.oneof(fc.constantFrom(spentEntryId, exchangeEntryId), fc.uuid(), maybeUuid), reason: fc.oneof(fc.string({ maxLength: 30 }), wrongType) },
        { requiredKeys: [] },
      ),
    );
    expect(served).toBeGreaterThan(RUNS / 20);
  });

  it("runReconciliationAction: unconfigured channels, malformed days", async () => {
    as(finance);
    const badDay = fc.oneof(garbageString, fc.constantFrom("2026-02-30", "2026-13-01", "0000-00-00", "2026-1-1", "20261123"), wrongType);
    const unconfigured = fc.oneof(fc.constantFrom("WECHAT", "ALIPAY", "COUNTER"), garbageString, wrongType);
    await run(
      runReconciliationAction as AnyAction,
      fc.oneof(
        fc.record({ channel: unconfigured, day: fc.oneof(badDay, fc.constant("2026-11-23")) }),
        fc.record({ channel: fc.constant("SANDBOX"), day: badDay }),
      ),
    );
  });

  it("resolveFlaggedOrderAction: orders that are not flagged, bad resolutions, no reason", async () => {
    as(finance);
    await run(
      resolveFlaggedOrderAction as AnyAction,
      fc.record(
        {
          orderNo: fc.oneof(fc.constant(spentOrderNo), fc.constantFrom(...othersOrders), garbageString),
          resolution: fc.oneof(fc.constantFrom("CREDIT_PAID_AMOUNT", "ACKNOWLEDGE", "DELETE"), wrongType),
          reason: fc.oneof(fc.string({ maxLength: 20 }), wrongType),
        },
        { requiredKeys: [] },
      ),
    );
  });

  it("anonymous callers are refused everywhere", async () => {
    session.userId = null;
    const before = await snapshot();
    for (const action of [createRechargeOrderAction, counterRechargeAction, refundOrderAction, reverseEntryAction, runReconciliationAction] as AnyAction[]) {
      const r = await action({} as never);
      expect(refusedClearly(r)).toBe(true);
    }
    expect(await snapshot()).toBe(before);
  });
});

// ───────────────────────── endpoints ─────────────────────────

async function runEndpoint(call: (input: never) => Promise<Response>, arb: fc.Arbitrary<unknown>, allowed: (status: number) => boolean) {
  const before = await snapshot();
  await fc.assert(
    fc.asyncProperty(arb, async (input) => {
      const res = await call(input as never);
      await res.arrayBuffer();
      if (!allowed(res.status)) throw new Error(`status ${res.status}`);
    }),
    { numRuns: RUNS },
  );
  expect(await snapshot()).toBe(before);
}

const headerName = fc.constantFrom("Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial", "Content-Type", "X-Anything");
const headerValueArb = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
  fc.integer().map(String),
  fc.constant("WECHATPAY/SIGNTEST/x"),
);
const rawHeaders = fc.dictionary(headerName, headerValueArb, { maxKeys: 6 });

describe(`payment and finance endpoints refuse bad input with 4xx and change nothing (${RUNS} cases each)`, () => {
  it("sandbox notify: garbage, mutated genuine notifications, forged headers → 400/401", async () => {
    const u = await student();
    const order = await sandboxOrder(u.id, "20");
    const txn = await payAtSandbox(order.orderNo);
    const genuine = v3Notification(sandboxSigner(), { orderNo: order.orderNo, txnId: txn, amountFen: 2000n });
    const mutated = fc.record({ pos: fc.nat({ max: genuine.body.length - 1 }), ch: fc.string({ minLength: 1, maxLength: 1 }) }).map(({ pos, ch }) => {
      const c = ch === genuine.body[pos] ? (ch === "a" ? "b" : "a") : ch;
      return { body: genuine.body.slice(0, pos) + c + genuine.body.slice(pos + 1), headers: Object.fromEntries(genuine.headers) };
    });
    const badHeaders = fc
      .record({ key: fc.constantFrom("wechatpay-timestamp", "wechatpay-signature", "wechatpay-serial", "wechatpay-nonce"), value: headerValueArb })
      .map(({ key, value }) => {
        const h = Object.fromEntries(genuine.headers);
        h[key] = value === h[key] ? `${value}x` : value;
        return { body: genuine.body, headers: h };
      });
    const garbage = fc.record({ body: fc.oneof(fc.string({ maxLength: 300 }), fc.json()), headers: rawHeaders });
    await runEndpoint(
      ({ body, headers }: { body: string; headers: Record<string, string> }) =>
        sandboxNotify(new Request("http://localhost/api/payments/sandbox/notify", { method: "POST", headers, body })),
      fc.oneof(mutated, badHeaders, garbage),
      (s) => s === 400 || s === 401,
    );
  });

  it("wechat/alipay notify when not configured: 404, never 5xx", async () => {
    const arb = fc.record({ body: fc.string({ maxLength: 200 }), headers: rawHeaders });
    for (const route of [wechatNotify, alipayNotify]) {
      await runEndpoint(
        ({ body, headers }: { body: string; headers: Record<string, string> }) => route(new Request("http://localhost/n", { method: "POST", headers, body })),
        arb,
        (s) => s === 404,
      );
    }
  });

  it("heal (cron secret), order status (ownership), sandbox API (merchant signature), checkout", async () => {
    await runEndpoint(
      (secret: string) => healRoute(new Request("http://localhost/api/payments/heal", { method: "POST", headers: { "x-cron-secret": secret } })),
      headerValueArb,
      (s) => s === 403,
    );
    as(stu);
    await runEndpoint(
      (orderNo: string) => orderStatusRoute(new Request("http://localhost/x"), { params: Promise.resolve({ orderNo }) }),
      fc.oneof(fc.constantFrom(...othersOrders), garbageString),
      (s) => s === 404,
    );
    await runEndpoint(
      ({ path, body, headers }: { path: string; body: string; headers: Record<string, string> }) =>
        (body ? sandboxApiPost : sandboxApiGet)(
          new Request(`http://localhost/api/payments/sandbox/v3/${encodeURIComponent(path)}`, {
            method: body ? "POST" : "GET",
            headers: { ...headers, authorization: `WECHATPAY2-SHA256-RSA2048 ${headers["X-Anything"] ?? ""}` },
            body: body || undefined,
          }),
        ),
      fc.record({
        path: fc.oneof(fc.constantFrom("pay/transactions/h5", "refund/domestic/refunds", "bill/tradebill"), fc.string({ maxLength: 40 })),
        body: fc.oneof(fc.constant(""), fc.json()),
        headers: rawHeaders,
      }),
      (s) => s === 401,
    );
    await runEndpoint(
      ({ no, action }: { no: string; action: string }) => {
        const form = new FormData();
        form.set("action", action);
        return checkoutRoute(new Request(`http://localhost/api/payments/sandbox/checkout/x`, { method: "POST", body: form }), {
          params: Promise.resolve({ outTradeNo: no }),
        });
      },
      fc.record({ no: garbageString, action: fc.oneof(fc.constantFrom("pay", "cancel"), fc.string({ maxLength: 10 })) }),
      (s) => s === 400 || s === 404,
    );
  });

  it("finance CSV/totals routes: malformed days and run ids → 400/404; students → 403", async () => {
    as(finance);
    const badDay = fc.oneof(garbageString, fc.constantFrom("2026-02-30", "2026-13-01", "2026-1-1"));
    await runEndpoint(
      (day: string) => ledgerCsvRoute(new Request(`http://localhost/api/finance/ledger?day=${encodeURIComponent(day)}`)),
      badDay,
      (s) => s === 400,
    );
    await runEndpoint(
      (day: string) => totalsRoute(new Request(`http://localhost/api/finance/totals?day=${encodeURIComponent(day)}`)),
      badDay,
      (s) => s === 400,
    );
    await runEndpoint(
      (runId: string) => reconCsvRoute(new Request("http://localhost/x"), { params: Promise.resolve({ runId }) }),
      fc.oneof(fc.uuid(), garbageString),
      (s) => s === 404,
    );
    as(stu);
    await runEndpoint(
      (day: string) => ledgerCsvRoute(new Request(`http://localhost/api/finance/ledger?day=${encodeURIComponent(day)}`)),
      fc.oneof(badDay, fc.constant("2026-11-23")),
      (s) => s === 403,
    );
  });
});
