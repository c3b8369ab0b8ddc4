// `npm run chaos -- [--ops 10000] [--kills 1] [--concurrency 16] [--students 200] [--build] [--keep]`
//
// Chaos run for the money paths (decision 006). It starts the app as `next start` on a free port
// with its own embedded PostgreSQL, seeds students, then a worker process runs mixed
// operations against it, concurrently:
//   over HTTP  — sandbox checkout payments (the app's sandbox then notifies the app's notify
//                endpoint after a delay, sometimes twice, sometimes late, sometimes never),
//                double-clicked payments, duplicated notifications re-sent as the gateway,
//                forged / tampered / stale notifications, payments after an order closed,
//                the self-healing endpoint;
//   by direct service calls in the worker (server actions are awkward over HTTP) — order
//                creation (also for another student's account), exchanges (double-submitted),
//                counter recharges (valid and refused), refunds (original route and cash),
//                cancellations, order-status polls (which may query the gateway), reversals.
// Mid-run it SIGKILLs the app and the worker (mid-transaction), restarts both, lets the
// app's own self-healing timer run, then reconciles the day and checks and prints:
//   postings sum to zero per entry; cached balances equal posting sums; every paid sandbox
//   trade credited exactly once; gateway refunds equal ledger refunds; no negative wallet;
//   fen lost: 0.  Exit code 1 when a check fails.
//
// `--mode inproc` (used by dev/chaos.int.test.ts in CI) runs the same worker against the
// route handlers in-process instead of a `next start` (the worker is still SIGKILLed).
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createSign, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { alive } from "./process-alive";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SELF = fileURLToPath(import.meta.url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ───────────────────────── shared setup ─────────────────────────

export interface ChaosOptions {
  ops: number;
  kills: number;
  concurrency: number;
  students: number;
  mode: "http" | "inproc";
  build?: boolean;
  keep?: boolean;
  /** build/run in the shared tree's .next instead of a private copy */
  inPlace?: boolean;
  log?: (m: string) => void;
}

export interface Fixture {
  runTag: string;
  appUrl: string;
  students: { id: string; studentNo: string; name: string }[];
  operatorId: string;
  financeId: string;
  packageIds: string[];
}

type Kind =
  "recharge" | "double-pay" | "dup-notify" | "forged-notify" | "pay-after-close" | "exchange" | "counter" | "refund" | "cancel" | "poll" | "heal" | "reverse";

const WEIGHTS: [Kind, number][] = [
  ["recharge", 30],
  ["double-pay", 4],
  ["dup-notify", 10],
  ["forged-notify", 8],
  ["pay-after-close", 3],
  ["exchange", 16],
  ["counter", 8],
  ["refund", 7],
  ["cancel", 3],
  ["poll", 7],
  ["heal", 2],
  ["reverse", 2],
];

export interface Tally {
  ops: number;
  /** what the app's POST /api/payments/heal answered during the run */
  heal: { queried: number; credited: number; closed: number; gatewayErrors: number };
  kinds: Record<string, { n: number; ok: number; refused: number; down: number; busy: number; errors: number }>;
  unexpected: string[];
}

function newTally(): Tally {
  return { ops: 0, heal: { queried: 0, credited: 0, closed: 0, gatewayErrors: 0 }, kinds: {}, unexpected: [] };
}

function mergeTally(into: Tally, t: Tally) {
  into.ops += t.ops;
  for (const k of ["queried", "credited", "closed", "gatewayErrors"] as const) into.heal[k] += t.heal?.[k] ?? 0;
  for (const [k, v] of Object.entries(t.kinds)) {
    const a = (into.kinds[k] ??= { n: 0, ok: 0, refused: 0, down: 0, busy: 0, errors: 0 });
    a.n += v.n;
    a.ok += v.ok;
    a.refused += v.refused;
    a.down += v.down;
    a.busy += v.busy ?? 0;
    a.errors += v.errors;
  }
  into.unexpected.push(...t.unexpected.slice(0, 20 - into.unexpected.length));
}

/** The environment the app, the worker and the orchestrator share (the sandbox is one company). */
export function chaosEnv(appUrl: string): Record<string, string> {
  const pem = () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return {
    NEXTAUTH_URL: appUrl,
    PAYMENT_NOTIFY_BASE_URL: appUrl,
    NEXTAUTH_SECRET: "campusnet-chaos-secret-0123456789abcdef",
    // A test bench with the sandbox and no campus SSO: the demo mode (production would refuse).
    CAMPUSNET_MODE: "demo",
    SANDBOX_GATEWAY: "on",
    SANDBOX_PRIVATE_KEY: pem(),
    SANDBOX_MERCHANT_PRIVATE_KEY: pem(),
    SANDBOX_NOTIFY_DELAY_MS: "150",
    SANDBOX_DUPLICATE_RATE: "0.3",
    SANDBOX_LATE_RATE: "0.1",
    SANDBOX_LATE_DELAY_MS: "2500",
    SANDBOX_DROP_RATE: "0.05",
    PAYMENTS_CRON_SECRET: "campusnet-chaos-cron-secret",
    PAYMENTS_HEAL_INTERVAL_MS: "3000",
    PAYMENTS_HEAL_AFTER_MS: "4000",
  };
}

let restorePolicy: (() => Promise<void>) | null = null;

async function seed(opts: { students: number; runTag: string; appUrl: string }): Promise<Fixture> {
  const { db } = await import("@/lib/db");
  const { createUser, ensureCatalogue, uniqueStudentNo } = await import("@/dev/factory");
  await ensureCatalogue(db());
  // Short order timeout so orders close during the run (and some are paid after closing).
  const previous = await db().rechargePolicy.findUniqueOrThrow({ where: { id: 1 }, select: { orderTimeoutMinutes: true } });
  await db().rechargePolicy.update({ where: { id: 1 }, data: { orderTimeoutMinutes: 1 } });
  restorePolicy = async () => {
    await db().rechargePolicy.update({ where: { id: 1 }, data: { orderTimeoutMinutes: previous.orderTimeoutMinutes } });
  };
  const students = [];
  for (let i = 0; i < opts.students; i++) {
    const u = await createUser(db(), { name: `混沌${String(i).padStart(3, "0")}`, studentNo: uniqueStudentNo(), balanceFen: i % 3 === 0 ? 3000n : 0n });
    students.push({ id: u.id, studentNo: u.studentNo, name: u.name });
  }
  const op = await createUser(db(), { role: "OPERATOR", name: `混沌柜台${opts.runTag}` });
  const fin = await createUser(db(), { role: "FINANCE", name: `混沌财务${opts.runTag}` });
  const packageIds = (await db().package.findMany({ where: { active: true }, select: { id: true } })).map((p) => p.id);
  return { runTag: opts.runTag, appUrl: opts.appUrl, students, operatorId: op.id, financeId: fin.id, packageIds };
}

// ───────────────────────── the worker ─────────────────────────

async function worker(fixture: Fixture, budget: number, concurrency: number, mode: "http" | "inproc", report: (t: Tally, final: boolean) => void) {
  const { db } = await import("@/lib/db");
  const { isAppError } = await import("@/lib/errors");
  const { env } = await import("@/lib/env");
  const recharge = await import("@/modules/recharge/service");
  const heal = await import("@/modules/healing/service");
  const counter = await import("@/modules/recharge/counter.service");
  const sandbox = await import("@/modules/payments/sandbox/service");
  const refunds = await import("@/modules/finance/refund.service");
  const { exchangePackage } = await import("@/modules/packages/service");
  const checkoutRoute = mode === "inproc" ? (await import("@/app/api/payments/sandbox/checkout/[outTradeNo]/route")).POST : null;
  const notifyRoute = mode === "inproc" ? (await import("@/app/api/payments/sandbox/notify/route")).POST : null;
  const healRoute = mode === "inproc" ? (await import("@/app/api/payments/heal/route")).POST : null;

  const tally = newTally();
  const recent: { orderNo: string; userId: string; amountFen: bigint }[] = [];
  const remember = (o: { orderNo: string; userId: string; amountFen: bigint }) => {
    recent.push(o);
    if (recent.length > 400) recent.splice(0, 100);
  };
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
  const totalWeight = WEIGHTS.reduce((s, [, w]) => s + w, 0);
  const pickKind = (): Kind => {
    let r = Math.random() * totalWeight;
    for (const [k, w] of WEIGHTS) if ((r -= w) < 0) return k;
    return "recharge";
  };

  class Down extends Error {}
  /** One HTTP call to the app (or the same route handler in-process). */
  async function http(route: ((req: Request, ctx: never) => Promise<Response>) | null, url: string, init: RequestInit, ctx?: unknown): Promise<Response> {
    if (route) return route(new Request(`http://inproc${url}`, init), ctx as never);
    try {
      return await fetch(`${fixture.appUrl}${url}`, { ...init, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    } catch {
      throw new Down();
    }
  }

  async function payAtCheckout(orderNo: string): Promise<number> {
    const form = new FormData();
    form.set("action", "pay");
    const res = await http(
      checkoutRoute,
      `/api/payments/sandbox/checkout/${orderNo}`,
      { method: "POST", body: form },
      { params: Promise.resolve({ outTradeNo: orderNo }) },
    );
    await res.arrayBuffer();
    if (mode === "inproc" && res.status === 303) emulateGatewayDelivery(orderNo);
    return res.status;
  }

  /** In-process mode: the worker plays the sandbox's notification schedule itself (lost when it is killed). */
  function emulateGatewayDelivery(orderNo: string) {
    if (Math.random() < env.SANDBOX_DROP_RATE) return;
    const delay = Math.random() < env.SANDBOX_LATE_RATE ? env.SANDBOX_LATE_DELAY_MS : env.SANDBOX_NOTIFY_DELAY_MS;
    const send = async () => {
      const n = await sandbox.buildTransactionNotification(orderNo);
      if (n) await (await postNotification(n.body, n.headers)).arrayBuffer();
    };
    setTimeout(() => void send().catch(() => {}), delay);
    if (Math.random() < env.SANDBOX_DUPLICATE_RATE) setTimeout(() => void send().catch(() => {}), delay + 200);
  }

  function postNotification(body: string, headers: Record<string, string>) {
    return http(notifyRoute, "/api/payments/sandbox/notify", { method: "POST", headers, body });
  }

  function forgedNotification(orderNo: string, amountFen: bigint): { body: string; headers: Record<string, string> } {
    const { privateKey } = forgerKeys;
    const ts = String(Math.floor(Date.now() / 1000) - (Math.random() < 0.3 ? 400 : 0));
    const nonce = randomBytes(8).toString("hex");
    const body = JSON.stringify({
      id: randomUUID(),
      event_type: "TRANSACTION.SUCCESS",
      resource_type: "encrypt-resource",
      create_time: new Date().toISOString(),
      resource: { algorithm: "AEAD_AES_256_GCM", ciphertext: randomBytes(64).toString("base64"), nonce: "0123456789ab", associated_data: "transaction" },
      forged: { orderNo, amountFen: String(amountFen) },
    });
    const signature = createSign("RSA-SHA256").update(`${ts}\n${nonce}\n${body}\n`).sign(privateKey, "base64");
    return {
      body,
      headers: {
        "Content-Type": "application/json",
        "Wechatpay-Timestamp": ts,
        "Wechatpay-Nonce": nonce,
        "Wechatpay-Signature": signature,
        "Wechatpay-Serial": forgedSerial,
      },
    };
  }

  async function randomOrder(where: string): Promise<{ orderNo: string; userId: string; amountFen: bigint } | null> {
    const ids = fixture.students.map((s) => s.id);
    const rows = await db().$queryRawUnsafe<{ orderNo: string; userId: string; amountFen: bigint }[]>(
      `SELECT "orderNo", "userId", "amountFen" FROM "recharge_orders" WHERE "userId" = ANY($1::uuid[]) AND ${where} ORDER BY random() LIMIT 1`,
      ids,
    );
    return rows[0] ?? null;
  }

  const ops: Record<Kind, () => Promise<"ok" | "refused">> = {
    async recharge() {
      const s = pick(fixture.students);
      const target = Math.random() < 0.1 ? pick(fixture.students).studentNo : null;
      const amountFen = pick([1000n, 2000n, 5000n, 10000n, 500n, 1234n, 20000n, 50n, 60000n]);
      const o = await recharge.createRechargeOrder({ creatorId: s.id, amountFen, channel: "SANDBOX", targetStudentNo: target });
      await recharge.startPayment({ orderNo: o.orderNo, viewerId: s.id });
      const userId = target ? fixture.students.find((x) => x.studentNo === target)!.id : s.id;
      remember({ orderNo: o.orderNo, userId, amountFen: o.amountFen });
      if (Math.random() < 0.85) return (await payAtCheckout(o.orderNo)) === 303 ? "ok" : "refused";
      return "ok";
    },
    async "double-pay"() {
      const o = await randomOrder(`"state" = 'CREATED'`);
      if (!o) return "refused";
      const [a, b] = await Promise.all([payAtCheckout(o.orderNo), payAtCheckout(o.orderNo)]);
      return a === 303 || b === 303 ? "ok" : "refused";
    },
    async "dup-notify"() {
      const o = recent.length ? pick(recent) : null;
      if (!o) return "refused";
      const n = await sandbox.buildTransactionNotification(o.orderNo);
      if (!n) return "refused"; // not paid
      const res = await postNotification(n.body, n.headers);
      await res.arrayBuffer();
      if (res.status >= 500) throw new Error(`notify answered ${res.status}`);
      return res.status === 204 ? "ok" : "refused";
    },
    async "forged-notify"() {
      const o = recent.length ? pick(recent) : { orderNo: "R20260101000000AAAAAA", amountFen: 1000n };
      let n = forgedNotification(o.orderNo, o.amountFen);
      if (Math.random() < 0.4) {
        // a genuine notification, tampered in flight
        const real = await sandbox.buildTransactionNotification(o.orderNo);
        if (real) n = { body: real.body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" '), headers: real.headers };
      }
      const res = await postNotification(n.body, n.headers);
      await res.arrayBuffer();
      if (res.status !== 400 && res.status !== 401) throw new Error(`forged notification answered ${res.status}`);
      return "refused";
    },
    async "pay-after-close"() {
      const o = await randomOrder(`"state" = 'CLOSED' AND "gatewayTxnId" IS NULL`);
      if (!o) return "refused";
      return (await payAtCheckout(o.orderNo)) === 303 ? "ok" : "refused";
    },
    async exchange() {
      const s = pick(fixture.students);
      const key = randomUUID();
      const input = { userId: s.id, packageId: pick(fixture.packageIds), requestKey: key };
      const both = await Promise.allSettled(Math.random() < 0.3 ? [exchangePackage(input), exchangePackage(input)] : [exchangePackage(input)]);
      for (const r of both) if (r.status === "rejected" && !isAppError(r.reason)) throw r.reason;
      // Usage finishes some packages so the student may exchange again later.
      if (Math.random() < 0.5)
        await db().$executeRaw`UPDATE "package_holdings" SET "usedBytes" = "quotaBytes" WHERE "userId" = ${s.id}::uuid AND "state" = 'ACTIVE'`;
      return both.some((r) => r.status === "fulfilled") ? "ok" : "refused";
    },
    async counter() {
      const s = pick(fixture.students);
      const valid = Math.random() < 0.8;
      await counter.counterRecharge({
        operatorId: fixture.operatorId,
        studentNo: s.studentNo,
        amountFen: valid ? pick([500n, 1000n, 2000n, 3000n, 6000n]) : pick([1234n, 1n, 999n]),
        note: Math.random() < 0.9 ? `${s.studentNo} ${s.name}` : "现金",
        requestKey: randomUUID(),
      });
      return "ok";
    },
    async refund() {
      const o = await randomOrder(`"state" = 'CREDITED'`);
      if (!o) return "refused";
      const amount = BigInt(1 + Math.floor(Math.random() * Number(o.amountFen) * 1.5));
      await refunds.refundOrder({ actorId: fixture.financeId, orderNo: o.orderNo, amountFen: amount, reason: "混沌测试退款", requestKey: randomUUID() });
      return "ok";
    },
    async cancel() {
      const o = await randomOrder(`"state" = 'CREATED' AND "channel" = 'SANDBOX'`);
      if (!o) return "refused";
      const order = await db().rechargeOrder.findUniqueOrThrow({ where: { orderNo: o.orderNo }, select: { createdById: true } });
      await recharge.cancelOrder({ orderNo: o.orderNo, viewerId: order.createdById });
      return "ok";
    },
    async poll() {
      const o = recent.length ? pick(recent) : null;
      if (!o) return "refused";
      const order = await db().rechargeOrder.findUniqueOrThrow({ where: { orderNo: o.orderNo }, select: { createdById: true } });
      await heal.getOrderStatus(o.orderNo, order.createdById);
      return "ok";
    },
    async heal() {
      const res = await http(healRoute, "/api/payments/heal", { method: "POST", headers: { "x-cron-secret": env.PAYMENTS_CRON_SECRET } });
      if (res.status !== 200) throw new Error(`heal answered ${res.status}`);
      const r = (await res.json()) as { queried: number; credited: number; paidCredited: number; closed: number; gatewayErrors: number };
      tally.heal.queried += r.queried;
      tally.heal.credited += r.credited + r.paidCredited;
      tally.heal.closed += r.closed;
      tally.heal.gatewayErrors += r.gatewayErrors;
      return "ok";
    },
    async reverse() {
      const o = await randomOrder(`"state" = 'CREDITED' AND "channel" = 'COUNTER' AND "journalEntryId" IS NOT NULL`);
      if (!o) return "refused";
      const order = await db().rechargeOrder.findUniqueOrThrow({ where: { orderNo: o.orderNo }, select: { journalEntryId: true } });
      await refunds.reverseEntry({ actorId: fixture.financeId, entryId: order.journalEntryId!, reason: "混沌测试冲正" });
      return "ok";
    },
  };

  let left = budget;
  let sinceReport = 0;
  async function loop() {
    while (left > 0) {
      left--;
      const kind = pickKind();
      const k = (tally.kinds[kind] ??= { n: 0, ok: 0, refused: 0, down: 0, busy: 0, errors: 0 });
      k.n++;
      tally.ops++;
      try {
        const r = await ops[kind]();
        if (r === "ok") k.ok++;
        else k.refused++;
      } catch (e) {
        if (e instanceof Down) k.down++;
        else if (isAppError(e)) k.refused++;
        // Overload, not a money error: the connection pool gave no connection within Prisma's
        // maxWait, so the transaction never started and nothing changed (a user would see
        // "busy, try again"). Counted and printed apart.
        else if ((e as { code?: string })?.code === "P2028" || /Unable to start a transaction in the given time/.test(String((e as Error)?.message))) k.busy++;
        else {
          k.errors++;
          if (tally.unexpected.length < 20) tally.unexpected.push(`${kind}: ${(e as Error)?.message?.split("\n").slice(-2).join(" ") ?? String(e)}`);
        }
      }
      if (++sinceReport >= 25) {
        sinceReport = 0;
        report(tally, false);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  // Let scheduled (emulated) deliveries finish before reporting the end.
  if (mode === "inproc") await sleep(env.SANDBOX_LATE_DELAY_MS + 500);
  report(tally, true);
}

const forgerKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const forgedSerial = `PUB_KEY_ID_FORGER_${randomBytes(6).toString("hex").toUpperCase()}`;

// ───────────────────────── orchestration ─────────────────────────

async function killHard(pid: number, group: boolean) {
  try {
    process.kill(group ? -pid : pid, "SIGKILL");
  } catch {}
  for (let i = 0; i < 100 && alive(pid, group); i++) await sleep(50);
}

function startApp(appDir: string, port: number, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const next = path.join(ROOT, "node_modules", ".bin", "next");
  // Own process group: SIGKILL reaches next-server too (../shared/TOOLCHAIN.md trap 12).
  const child = spawn(next, ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.on("data", (d) => appendFileSync(logFile, d));
  child.stderr?.on("data", (d) => appendFileSync(logFile, d));
  return child;
}

async function waitReady(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/api/payments/heal`, { method: "POST", signal: AbortSignal.timeout(5000) });
      await r.arrayBuffer();
      if (r.status === 403) return;
    } catch {}
    await sleep(250);
  }
  throw new Error(`${url} did not come up within ${timeoutMs / 1000} s`);
}

async function buildApp(dir: string, appEnv: NodeJS.ProcessEnv, log: (m: string) => void) {
  log(`building the app (next build) in ${dir} …`);
  const buildEnv = { ...appEnv };
  delete buildEnv.DATABASE_URL; // every page is dynamic; none may query at build time
  const t0 = Date.now();
  const out: string[] = [];
  const code = await new Promise<number>((res) => {
    const b = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: dir, env: buildEnv, stdio: ["ignore", "pipe", "pipe"] });
    b.stdout.on("data", (d) => out.push(String(d)));
    b.stderr.on("data", (d) => out.push(String(d)));
    b.on("exit", (c) => res(c ?? 1));
  });
  if (code !== 0) throw new Error(`next build failed (${code}):\n${out.join("").split("\n").slice(-40).join("\n")}`);
  log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

function spawnWorker(fixture: Fixture, budget: number, opts: ChaosOptions, env: NodeJS.ProcessEnv, onTally: (t: Tally, final: boolean) => void): ChildProcess {
  const child = fork(SELF, ["--worker"], {
    cwd: ROOT,
    env: { ...env, CHAOS_FIXTURE: JSON.stringify(fixture), CHAOS_BUDGET: String(budget), CHAOS_CONCURRENCY: String(opts.concurrency), CHAOS_MODE: opts.mode },
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child.on("message", (m: { tally: Tally; final: boolean }) => onTally(m.tally, m.final));
  return child;
}

export interface ChaosResult {
  ok: boolean;
  tally: Tally;
  kills: number;
  lines: string[];
  figures: Record<string, number | string>;
}

export async function runChaos(opts: ChaosOptions): Promise<ChaosResult> {
  const log = opts.log ?? ((m: string) => console.log(`[chaos] ${m}`));
  const started = Date.now();
  const runTag = randomBytes(3).toString("hex");
  const cleanups: (() => Promise<void>)[] = [];
  let appGroup: number | null = null;
  try {
    let databaseUrl = process.env.DATABASE_URL;
    let port = 0;
    const { freePort, makeTempDir, startEmbeddedPostgres } = await import("./embedded-pg");
    if (opts.mode === "http") {
      const dir = makeTempDir("campusnet-chaos-");
      cleanups.push(async () => {
        if (!opts.keep) rmSync(dir, { recursive: true, force: true });
      });
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false });
      cleanups.push(() => pg.stop());
      databaseUrl = pg.url;
      const { applyMigrations } = await import("./migrate");
      await applyMigrations(pg.url);
      port = await freePort();
    }
    if (!databaseUrl) throw new Error("DATABASE_URL is not set");
    const appUrl = opts.mode === "http" ? `http://127.0.0.1:${port}` : "http://inproc";
    const shared = { ...chaosEnv(appUrl), DATABASE_URL: databaseUrl };
    Object.assign(process.env, shared); // before lib/env is first imported in this process
    const fixture = await seed({ students: opts.students, runTag, appUrl });
    log(`seeded ${fixture.students.length} students (run ${runTag})`);

    const appEnv: NodeJS.ProcessEnv = { ...process.env, ...shared, NODE_ENV: "production", PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
    const logFile = path.join(tmpdir(), `campusnet-chaos-app-${runTag}.log`);
    let appDir = ROOT;
    const bootApp = async () => {
      const app = startApp(appDir, port, appEnv, logFile);
      appGroup = app.pid!;
      await waitReady(appUrl);
    };
    if (opts.mode === "http") {
      if (opts.inPlace) {
        const built = existsSync(path.join(ROOT, ".next", "server", "app", "api", "payments", "heal", "route.js"));
        if (opts.build || !built) await buildApp(ROOT, appEnv, log);
      } else {
        // Build and run a private copy, so the shared tree's .next (dev server, e2e) is left alone.
        // Inside the repository (tmp/ is git-ignored) and without a lock file of its own, so
        // Turbopack takes the repository as its root and resolves the shared node_modules.
        mkdirSync(path.join(ROOT, "tmp"), { recursive: true });
        const work = mkdtempSync(path.join(ROOT, "tmp", "chaos-app-"));
        cleanups.push(async () => {
          if (!opts.keep) rmSync(work, { recursive: true, force: true });
        });
        const skip = new Set([
          "node_modules",
          ".next",
          ".data",
          ".git",
          "playwright-report",
          "test-results",
          "blob-report",
          "tmp",
          "package-lock.json",
          "tsconfig.tsbuildinfo",
        ]);
        // Test files stay behind, so a test runner started meanwhile never finds a second copy.
        const isTest = (src: string) => /\.(test|spec)\.tsx?$/.test(src);
        for (const entry of readdirSync(ROOT))
          if (!skip.has(entry)) cpSync(path.join(ROOT, entry), path.join(work, entry), { recursive: true, filter: (src) => !isTest(src) });
        appDir = work;
        await buildApp(work, appEnv, log);
      }
      await bootApp();
      cleanups.push(async () => {
        if (appGroup) await killHard(appGroup, true);
      });
      log(`app up at ${appUrl} (log: ${logFile})`);
    }

    // Run the worker; SIGKILL app + worker at evenly spaced points, restart both.
    const total = newTally();
    const killPoints = Array.from({ length: opts.kills }, (_, i) => Math.floor((opts.ops * (i + 1)) / (opts.kills + 1)));
    let kills = 0;
    let remaining = opts.ops;
    while (remaining > 0) {
      const killAt = killPoints[kills];
      let last = newTally();
      let finished = false;
      const budget = remaining;
      const child = spawnWorker(fixture, budget, opts, { ...process.env, ...shared }, (t, final) => {
        last = t;
        finished ||= final;
      });
      const exited = new Promise<void>((r) => child.on("exit", () => r()));
      let killed = false;
      while (!finished) {
        if (killAt !== undefined && total.ops + last.ops >= killAt && !killed) {
          killed = true;
          kills++;
          log(`SIGKILL at operation ~${total.ops + last.ops}: the ${opts.mode === "http" ? "app and the " : ""}worker`);
          await Promise.all([killHard(child.pid!, false), opts.mode === "http" && appGroup ? killHard(appGroup, true) : Promise.resolve()]);
          break;
        }
        if (child.exitCode !== null) break;
        await sleep(20);
      }
      await exited;
      mergeTally(total, last);
      remaining = opts.ops - total.ops;
      if (killed && opts.mode === "http") {
        await sleep(1500);
        await bootApp();
        log("app restarted");
      }
      if (!killed && !finished) throw new Error("the worker died on its own");
    }

    // Let the restarted app's own self-healing timer and the late notifications do their work.
    const { env } = await import("@/lib/env");
    log("settling: late notifications, self-healing …");
    if (opts.mode === "http") await sleep(env.SANDBOX_LATE_DELAY_MS + 4 * env.PAYMENTS_HEAL_INTERVAL_MS);
    const { db } = await import("@/lib/db");
    const ids = fixture.students.map((s) => s.id);
    const creditedByQueryBeforeFinal = await db().orderEvent.count({
      where: { order: { userId: { in: ids } }, toState: "PAID", data: { path: ["source"], equals: "QUERY" } },
    });

    // A final sweep through the endpoint (or in-process), then reconciliation of the day(s).
    const heal = await import("@/modules/healing/service");
    const { settlePendingRefunds } = await import("@/modules/finance/refund.service");
    const healOnce = async () => {
      if (opts.mode === "http") {
        const r = await fetch(`${appUrl}/api/payments/heal?staleAfterMs=0`, { method: "POST", headers: { "x-cron-secret": env.PAYMENTS_CRON_SECRET } });
        return (await r.json()) as { credited: number; paidCredited: number; queried: number };
      }
      return heal.healPendingOrders({ staleAfterMs: 0 });
    };
    for (let i = 0; i < 20; i++) {
      const r = await healOnce();
      if (r.credited + r.paidCredited === 0 && r.queried < 500) break;
    }
    await settlePendingRefunds({ olderThanMs: 0 });
    const { reconcileDay } = await import("@/modules/finance/reconcile.service");
    const { dayKey } = await import("@/lib/time");
    let repaired = 0;
    for (const day of [...new Set([dayKey(new Date(started)), dayKey(new Date())])]) {
      const run = await reconcileDay({ channel: "SANDBOX", day, actorId: fixture.financeId });
      repaired += run.summary.repaired;
    }

    // ── the checks ──
    const { verifyLedger } = await import("@/modules/ledger/service");
    const ledger = await verifyLedger();
    const trades = await db().$queryRaw<
      {
        outTradeNo: string;
        transactionId: string;
        amountFen: bigint;
        refundedFen: bigint;
        state: string;
        orderState: string;
        orderTxn: string | null;
        entries: bigint;
        creditedFen: bigint | null;
        paidAfterClose: boolean;
      }[]
    >`
      SELECT t."outTradeNo", t."transactionId", t."amountFen", t."refundedFen", t."state"::text AS state, o."state"::text AS "orderState", o."gatewayTxnId" AS "orderTxn", o."paidAfterClose",
             (SELECT COUNT(*) FROM "journal_entries" e WHERE e."idempotencyKey" = 'recharge:SANDBOX:' || t."transactionId") AS entries,
             (SELECT p."amountFen" FROM "journal_entries" e JOIN "postings" p ON p."entryId" = e."id" JOIN "ledger_accounts" a ON a."id" = p."accountId"
               WHERE e."idempotencyKey" = 'recharge:SANDBOX:' || t."transactionId" AND a."kind" = 'STUDENT_WALLET') AS "creditedFen"
      FROM "sandbox_trades" t JOIN "recharge_orders" o ON o."orderNo" = t."outTradeNo"
      WHERE o."userId" = ANY(${ids}::uuid[])`;
    const paid = trades.filter((t) => t.state === "SUCCESS" || t.state === "REFUND");
    const creditedOnce = paid.filter((t) => t.entries === 1n && t.orderTxn === t.transactionId && t.creditedFen === t.amountFen);
    const notCredited = paid.filter((t) => t.entries === 0n);
    const creditedTwice = paid.filter((t) => t.entries > 1n);
    const unpaidButCredited = trades.filter((t) => t.state !== "SUCCESS" && t.state !== "REFUND" && t.entries > 0n);
    const gatewayTook = paid.reduce((s, t) => s + t.amountFen, 0n);
    const walletsGot = paid.reduce((s, t) => s + (t.creditedFen ?? 0n), 0n);
    const [refundRow] = await db().$queryRaw<{ gateway: bigint | null; ledger: bigint | null; pending: bigint }[]>`
      SELECT (SELECT SUM(r."amountFen")::bigint FROM "sandbox_refunds" r JOIN "recharge_orders" o ON o."orderNo" = r."outTradeNo" WHERE o."userId" = ANY(${ids}::uuid[])) AS gateway,
             (SELECT SUM(f."amountFen")::bigint FROM "refunds" f JOIN "recharge_orders" o ON o."id" = f."orderId" WHERE o."userId" = ANY(${ids}::uuid[]) AND f."kind" = 'ORIGINAL_ROUTE' AND f."state" = 'SUCCEEDED') AS ledger,
             (SELECT COUNT(*) FROM "refunds" f JOIN "recharge_orders" o ON o."id" = f."orderId" WHERE o."userId" = ANY(${ids}::uuid[]) AND f."state" = 'PENDING') AS pending`;
    const refundGap = (refundRow!.gateway ?? 0n) - (refundRow!.ledger ?? 0n);
    const fenLost = gatewayTook - walletsGot + (refundGap < 0n ? -refundGap : refundGap);
    const notifications = await db().$queryRaw<{ outcome: string; n: bigint }[]>`
      SELECT "outcome", COUNT(*) AS n FROM "payment_notifications" WHERE "receivedAt" >= ${new Date(started)} GROUP BY "outcome" ORDER BY n DESC`;
    const byOutcome = Object.fromEntries(notifications.map((r) => [r.outcome, Number(r.n)]));
    const rejected = notifications.filter((r) => r.outcome.startsWith("REJECTED")).reduce((s, r) => s + Number(r.n), 0);
    const creditedByQuery = await db().orderEvent.count({
      where: { order: { userId: { in: ids } }, toState: "PAID", data: { path: ["source"], equals: "QUERY" } },
    });
    const creditedByReconcile = await db().orderEvent.count({
      where: { order: { userId: { in: ids } }, toState: "PAID", data: { path: ["source"], equals: "RECONCILE" } },
    });
    const afterClose = paid.filter((t) => t.paidAfterClose).length;
    const wallets = await db().ledgerAccount.aggregate({ where: { userId: { in: ids } }, _sum: { balanceFen: true }, _min: { balanceFen: true } });

    const ok =
      ledger.ok &&
      notCredited.length === 0 &&
      creditedTwice.length === 0 &&
      unpaidButCredited.length === 0 &&
      creditedOnce.length === paid.length &&
      fenLost === 0n &&
      refundRow!.pending === 0n &&
      (wallets._min.balanceFen ?? 0n) >= 0n &&
      total.unexpected.length === 0;

    const kindLine = Object.entries(total.kinds)
      .sort((a, b) => b[1].n - a[1].n)
      .map(
        ([k, v]) =>
          `${k} ${v.n} (ok ${v.ok}, refused ${v.refused}${v.down ? `, app down ${v.down}` : ""}${v.busy ? `, busy ${v.busy}` : ""}${v.errors ? `, ERRORS ${v.errors}` : ""})`,
      )
      .join("; ");
    const lines = [
      `operations: ${total.ops} in ${((Date.now() - started) / 1000).toFixed(0)} s (mode ${opts.mode}, concurrency ${opts.concurrency}); SIGKILLs: ${kills} (${opts.mode === "http" ? "app + worker" : "worker"}), restarts: ${kills}`,
      `by kind: ${kindLine}`,
      `notifications received: ${notifications.reduce((s, r) => s + Number(r.n), 0)} — ${Object.entries(byOutcome)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
      `duplicates acknowledged without change: ${byOutcome.DUPLICATE ?? 0}; forged/tampered/stale refused: ${rejected}`,
      `self-healing: credited from order queries ${creditedByQuery} (${creditedByQueryBeforeFinal} before the final sweep); the app's heal endpoint during the run: queried ${total.heal.queried}, credited ${total.heal.credited}, closed ${total.heal.closed}, gateway errors ${total.heal.gatewayErrors}; reconciliation repaired ${repaired} (credited by reconciliation ${creditedByReconcile}); paid after close ${afterClose}`,
      `ledger: ${ledger.entries} entries, ${ledger.unbalancedEntries} not summing to zero; ${ledger.balanceMismatches.length} cached balances ≠ posting sums; ${ledger.negativeWallets} negative wallets (chaos wallets total ¥${Number(wallets._sum.balanceFen ?? 0n) / 100}, lowest ${wallets._min.balanceFen ?? 0n} fen)`,
      `paid sandbox trades: ${paid.length}; credited exactly once: ${creditedOnce.length}; not credited: ${notCredited.length}; credited twice: ${creditedTwice.length}; credited without payment: ${unpaidButCredited.length}`,
      `refunds: gateway ${refundRow!.gateway ?? 0n} fen = ledger ${refundRow!.ledger ?? 0n} fen; pending ${refundRow!.pending}`,
      `unexpected errors: ${total.unexpected.length}${total.unexpected.length ? ` — ${total.unexpected.slice(0, 5).join(" | ")}` : ""}`,
      `fen lost: ${fenLost}`,
      ok ? "RESULT: OK" : "RESULT: FAILED",
    ];
    for (const l of lines) log(l);
    return {
      ok,
      tally: total,
      kills,
      lines,
      figures: {
        operations: total.ops,
        kills,
        paid: paid.length,
        creditedOnce: creditedOnce.length,
        duplicates: byOutcome.DUPLICATE ?? 0,
        rejected,
        creditedByQuery,
        repaired,
        fenLost: Number(fenLost),
      },
    };
  } finally {
    // The integration database is shared with other tests: leave the policy as it was.
    await restorePolicy?.().catch(() => {});
    restorePolicy = null;
    for (const c of cleanups.reverse()) await c().catch(() => {});
  }
}

// ───────────────────────── entry points ─────────────────────────

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === SELF;
if (isMain && process.argv.includes("--worker")) {
  const fixture = JSON.parse(process.env.CHAOS_FIXTURE!) as Fixture;
  worker(
    fixture,
    Number(process.env.CHAOS_BUDGET),
    Number(process.env.CHAOS_CONCURRENCY),
    process.env.CHAOS_MODE === "inproc" ? "inproc" : "http",
    (tally, final) => process.send?.({ tally, final }),
  )
    .then(() => setTimeout(() => process.exit(0), 100))
    .catch((e) => {
      console.error("[chaos worker]", e);
      process.exit(1);
    });
} else if (isMain) {
  runChaos({
    ops: arg("ops", 10_000),
    kills: arg("kills", 1),
    concurrency: arg("concurrency", 16),
    students: arg("students", 200),
    mode: process.argv.includes("--inproc") ? "inproc" : "http",
    build: process.argv.includes("--build"),
    keep: process.argv.includes("--keep"),
    inPlace: process.argv.includes("--in-place"),
  })
    .then((r) => process.exit(r.ok ? 0 : 1))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
