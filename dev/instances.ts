// `npm run test:instances -- [--minutes 10 | --seconds 60] [--tick 5] [--students 40] [--kill] [--json out.json]`
//
// Several app instances, one database (docs/decisions/013-jobs-in-postgresql.md). Starts its own
// embedded PostgreSQL and two `next start` on two ports (the existing .next build; `npm run build`
// first, under the e2e lock), with the jobs' interval shortened to --tick seconds, and plays a
// campus against both for the given time:
//   payments   sandbox orders paid at a random instance's checkout; the sandbox notifies (sometimes
//              twice, sometimes never); most notifications are also replayed to BOTH instances at
//              once; what is never notified is left to the self-healing job;
//   RADIUS     sessions on a fake NAS whose interim updates go to both instances at once and cross
//              the student's quota, so a CoA-Request must reach the NAS;
//   jobs       the self-healing and speed-sweep jobs tick every --tick seconds on both instances;
//   --kill     halfway through, instance B is SIGKILLed (mid-run, maybe): the ticks go on from A, and a
//              run B held is retried by A once its heartbeat stops (decision 013).
// Then it checks, and prints: every tick of each interval job ran once (one job per throttle slot,
// no slot missed, each completed, and each run logged by exactly one instance); no CoA was sent
// twice for one event (coa_requests and the NAS's own count); every paid order was credited
// exactly once (one ledger entry per paid sandbox trade, wallet totals equal to payments).
// Exit code 1 when a check fails. e2e/instances.spec.ts runs a short form in `npm test`.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, makeTempDir, startEmbeddedPostgres } from "./embedded-pg";
import { applyMigrations } from "./migrate";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => console.log(`[instances] ${m}`);

export interface InstancesReport {
  seconds: number;
  tickSeconds: number;
  killed: boolean;
  jobs: Record<
    string,
    {
      slots: number;
      expectedSlots: number;
      duplicateSlots: number;
      missingSlots: number;
      notCompleted: number;
      runsLogged: number;
      runsLoggedTwice: number;
      retried: number;
      byInstance: Record<string, number>;
    }
  >;
  payments: {
    orders: number;
    paidTrades: number;
    credited: number;
    creditedTwice: number;
    paidNotCredited: number;
    replayedNotifications: number;
    walletFen: string;
    paidFen: string;
  };
  coa: { sessions: number; throttled: number; coaRows: number; duplicateEvents: number; nasReceived: number };
  failures: string[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function startApp(port: number, env: NodeJS.ProcessEnv, logFile: string, pgData: string): ChildProcess {
  const fd = openSync(logFile, "w");
  const next = path.join(ROOT, "node_modules", ".bin", "next");
  const child = spawn(process.execPath, [path.join(ROOT, "e2e", "guard.mjs"), String(process.pid), "--pg-data", pgData, "--", next, "start"], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  return child;
}

async function stopGroup(pid: number) {
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  try {
    process.kill(-pid, "SIGKILL");
  } catch {}
}

async function waitReady(url: string, logFile: string) {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`${url}/signin`, { redirect: "manual", signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer();
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`${url} did not answer; ${logFile}:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
}

export async function runInstances(opts: { seconds: number; tickSeconds: number; students: number; kill?: boolean }): Promise<InstancesReport> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no .next build: run `npm run build` first (under the e2e lock)");
  const tmp = makeTempDir("campusnet-instances-");
  const pgData = path.join(tmp, "pg");
  const pg = await startEmbeddedPostgres({ dataDir: pgData, port: await freePort(), persistent: false, quiet: true });
  const apps: ChildProcess[] = [];
  try {
    await applyMigrations(pg.url);
    const [portA, portB] = [await freePort(), await freePort()];
    const urls = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    const { generatePemPrivateKey } = await import("@/modules/payments/sandbox/keys");
    const shared: Record<string, string> = {
      DATABASE_URL: pg.url,
      // A test bench with the sandbox and no campus SSO: the demo mode (production would refuse it).
      CAMPUSNET_MODE: "demo",
      NEXTAUTH_URL: urls[0]!,
      NEXTAUTH_SECRET: "campusnet-instances-secret-0123456789abcdef",
      PAYMENT_NOTIFY_BASE_URL: urls[0]!,
      RADIUS_SHARED_SECRET: "campusnet-instances-radius-secret",
      // One sandbox company: every instance (and this driver) must sign and verify with the same keys.
      SANDBOX_GATEWAY: "on",
      SANDBOX_PRIVATE_KEY: generatePemPrivateKey(),
      SANDBOX_MERCHANT_PRIVATE_KEY: generatePemPrivateKey(),
      SANDBOX_NOTIFY_DELAY_MS: "200",
      SANDBOX_DUPLICATE_RATE: "0.5",
      SANDBOX_LATE_RATE: "0",
      SANDBOX_DROP_RATE: "0.3",
      PAYMENTS_HEAL_AFTER_MS: "1000",
      JOBS_TICK_SECONDS: String(opts.tickSeconds),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    Object.assign(process.env, shared);
    // The driver itself runs no jobs (it never loads instrumentation.ts); lib/env reads the settings above.
    const { db } = await import("@/lib/db");
    const { clockNow, monthKey } = { clockNow: (await import("@/lib/clock")).now, monthKey: (await import("@/lib/time")).monthKey };
    const { createUser, ensureCatalogue } = await import("@/dev/factory");
    const { ensureMonthlyQuota } = await import("@/modules/quota/service");
    const recharge = await import("@/modules/recharge/service");
    const sandbox = await import("@/modules/payments/sandbox/service");
    const { acctAttrs, restBody, startFakeNas, randomMac } = await import("@/modules/radius/test-helpers");

    await ensureCatalogue(db());
    const students: { id: string; studentNo: string }[] = [];
    for (let i = 0; i < opts.students; i++) students.push(await createUser(db(), { name: `多实例${String(i).padStart(3, "0")}` }));
    const nasSecret = "instances-nas-secret";
    const nas = await startFakeNas({ host: "127.0.0.1", secret: nasSecret });
    await db().nasClient.create({ data: { name: "instances fake NAS", ipAddress: "127.0.0.1", secret: nasSecret, coaPort: nas.port } });

    const logs = [path.join(tmp, "app-a.log"), path.join(tmp, "app-b.log")];
    apps.push(startApp(portA, { ...process.env, ...shared }, logs[0]!, pgData), startApp(portB, { ...process.env, ...shared }, logs[1]!, pgData));
    await Promise.all(urls.map((u, i) => waitReady(u, logs[i]!)));
    log(`two instances on ${urls.join(" and ")}, one database; traffic for ${opts.seconds} s, jobs every ${opts.tickSeconds} s`);

    // ── traffic ──
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
    const live = [true, true];
    const liveUrls = () => urls.filter((_, i) => live[i]);
    const orders: string[] = [];
    let replayed = 0;
    const errors: string[] = [];
    const note = (e: unknown) => errors.length < 20 && errors.push(e instanceof Error ? e.message : String(e));
    const deadline = Date.now() + opts.seconds * 1000;

    async function payTraffic() {
      while (Date.now() < deadline) {
        const s = pick(students);
        const fen = pick([1000n, 2000n, 3000n, 5000n]);
        const o = await recharge.createRechargeOrder({ creatorId: s.id, amountFen: fen, channel: "SANDBOX" });
        await recharge.startPayment({ orderNo: o.orderNo, viewerId: s.id });
        orders.push(o.orderNo);
        const form = new FormData();
        form.set("action", "pay");
        const res = await fetch(`${pick(liveUrls())}/api/payments/sandbox/checkout/${o.orderNo}`, { method: "POST", body: form, redirect: "manual" });
        await res.arrayBuffer();
        if (res.status !== 303) throw new Error(`checkout answered ${res.status}`);
        if (Math.random() < 0.6) {
          // The gateway's notification, delivered to both instances at the same moment.
          const n = await sandbox.buildTransactionNotification(o.orderNo);
          if (n) {
            await Promise.all(
              liveUrls().map(async (u) =>
                (await fetch(`${u}/api/payments/sandbox/notify`, { method: "POST", headers: n.headers, body: n.body })).arrayBuffer(),
              ),
            );
            replayed += liveUrls().length;
          }
        }
        await sleep(250);
      }
    }

    const sessions: { user: string; session: string; output: bigint }[] = [];
    const FREE = 40n * 1024n * 1024n;
    async function accounting() {
      const radiusPost = (attrs: Record<string, string | number | undefined>) =>
        Promise.all(
          liveUrls().map(async (u) => {
            const res = await fetch(`${u}/api/radius/accounting`, {
              method: "POST",
              headers: { "content-type": "application/json", "x-campusnet-radius-secret": shared.RADIUS_SHARED_SECRET! },
              body: JSON.stringify(restBody(attrs)),
            });
            await res.arrayBuffer();
            if (res.status >= 300) throw new Error(`accounting answered ${res.status}`);
          }),
        );
      let n = 0;
      while (Date.now() < deadline) {
        if (sessions.length < Math.min(students.length, 2 + Math.floor(n / 4))) {
          const s = students[sessions.length]!;
          await db().$transaction((tx) => ensureMonthlyQuota(tx, s.id, monthKey(clockNow()), FREE));
          const session = `m${sessions.length}-${Date.now().toString(36)}`;
          sessions.push({ user: s.studentNo, session, output: 0n });
          await radiusPost(acctAttrs({ status: "Start", user: s.studentNo, session, nasIp: "127.0.0.1", mac: randomMac(), ip: `10.77.0.${sessions.length}` }));
        }
        // Each live session downloads 8 MiB a second: the 40 MiB quota runs out after five updates.
        for (const s of sessions) {
          s.output += 8n * 1024n * 1024n;
          await radiusPost(acctAttrs({ status: "Interim-Update", user: s.user, session: s.session, nasIp: "127.0.0.1", output: s.output }));
        }
        n++;
        await sleep(1000);
      }
    }

    const killer = opts.kill
      ? setTimeout(
          () => {
            live[1] = false;
            log("SIGKILL to instance B");
            try {
              process.kill(-apps[1]!.pid!, "SIGKILL");
            } catch {}
          },
          (opts.seconds * 1000) / 2,
        )
      : null;
    await Promise.all([payTraffic().catch(note), accounting().catch(note)]);
    if (killer) clearTimeout(killer);
    if (errors.length) throw new Error(`traffic failed: ${errors.join("; ")}`);
    // Two more ticks so the self-healing job catches what was never notified.
    log("traffic stopped; waiting two ticks for self-healing");
    // After a kill, also the heartbeat (20 s), the monitor pass (15 s) and the retry's backoff.
    await sleep(opts.tickSeconds * 2000 + 3000 + (opts.kill ? 45_000 : 0));
    await Promise.all(apps.map((a) => stopGroup(a.pid!)));
    apps.length = 0;

    // ── checks ──
    const failures: string[] = [];
    const jobs: InstancesReport["jobs"] = {};
    const logText = logs.map((f) => readFileSync(f, "utf8"));
    for (const name of ["payments-heal", "speed-sweep"]) {
      const rows = await db().$queryRawUnsafe<{ id: string; state: string; slot: Date; retry: number }[]>(
        `SELECT id::text AS id, state::text AS state, singleton_on AS slot, retry_count AS retry FROM pgboss.job WHERE name = $1 AND singleton_on IS NOT NULL ORDER BY singleton_on`,
        name,
      );
      const slots = new Map<number, number>();
      for (const r of rows) slots.set(r.slot.getTime(), (slots.get(r.slot.getTime()) ?? 0) + 1);
      const times = [...slots.keys()].sort((a, b) => a - b);
      let missing = 0;
      for (let i = 1; i < times.length; i++) missing += Math.round((times[i]! - times[i - 1]!) / (opts.tickSeconds * 1000)) - 1;
      const byInstance: Record<string, number> = {};
      let runsLogged = 0;
      let runsLoggedTwice = 0;
      const retried = rows.filter((r) => r.retry > 0).length;
      for (const r of rows) {
        const hits = logText.map((t) => t.split(`[jobs] ran ${name} ${r.id}`).length - 1);
        const total = hits.reduce((a, b) => a + b, 0);
        if (total > 0) runsLogged++;
        if (total > 1) runsLoggedTwice++;
        hits.forEach((h, i) => h && (byInstance[i === 0 ? "A" : "B"] = (byInstance[i === 0 ? "A" : "B"] ?? 0) + h));
      }
      const completed = rows.filter((r) => r.state === "completed").length;
      // The last slot may still be queued or running when the instances stopped.
      const notCompleted = rows.length - completed - (rows.at(-1)?.state === "completed" ? 0 : 1);
      const totalSeconds = (times.at(-1)! - times[0]!) / 1000 + opts.tickSeconds;
      jobs[name] = {
        slots: slots.size,
        expectedSlots: Math.round(totalSeconds / opts.tickSeconds),
        duplicateSlots: [...slots.values()].filter((c) => c > 1).length,
        missingSlots: missing,
        notCompleted,
        runsLogged,
        runsLoggedTwice,
        retried,
        byInstance,
      };
      const j = jobs[name]!;
      if (j.slots < Math.floor(opts.seconds / opts.tickSeconds))
        failures.push(`${name}: ${j.slots} ticks in ${opts.seconds} s at one per ${opts.tickSeconds} s`);
      if (j.duplicateSlots) failures.push(`${name}: ${j.duplicateSlots} ticks with more than one job`);
      if (j.missingSlots) failures.push(`${name}: ${j.missingSlots} ticks without a job`);
      if (j.notCompleted > 0) failures.push(`${name}: ${j.notCompleted} runs not completed`);
      // A run B finished but could not record before it was killed is run again by A (at least once on a crash).
      if (j.runsLoggedTwice > (opts.kill ? j.retried : 0)) failures.push(`${name}: ${j.runsLoggedTwice} runs executed by both instances`);
      if (j.runsLogged < completed) failures.push(`${name}: ${completed - j.runsLogged} completed runs that no instance logged`);
    }

    const trades = await db().$queryRawUnsafe<{ orderNo: string; txn: string; amount: bigint }[]>(
      `SELECT "outTradeNo" AS "orderNo", "transactionId" AS txn, "amountFen" AS amount FROM "sandbox_trades" WHERE "paidAt" IS NOT NULL AND "outTradeNo" = ANY($1)`,
      orders,
    );
    const entries = await db().$queryRawUnsafe<{ key: string; n: bigint }[]>(
      `SELECT "idempotencyKey" AS key, count(*) AS n FROM "journal_entries" WHERE "kind" = 'RECHARGE' GROUP BY 1`,
    );
    const byKey = new Map(entries.map((e) => [e.key, Number(e.n)]));
    const credited = trades.filter((t) => byKey.get(`recharge:SANDBOX:${t.txn}`) === 1).length;
    const creditedTwice = [...byKey.values()].filter((n) => n > 1).length;
    const paidNotCredited = trades.length - trades.filter((t) => byKey.has(`recharge:SANDBOX:${t.txn}`)).length;
    const wallet = await db().$queryRawUnsafe<{ fen: bigint | null }[]>(
      `SELECT sum(p."amountFen") AS fen FROM "postings" p JOIN "ledger_accounts" a ON a."id" = p."accountId" JOIN "journal_entries" e ON e."id" = p."entryId" WHERE a."kind" = 'STUDENT_WALLET' AND e."kind" = 'RECHARGE' AND a."userId" = ANY($1::uuid[])`,
      students.map((s) => s.id),
    );
    const paidFen = trades.reduce((s, t) => s + BigInt(t.amount), 0n);
    const walletFen = BigInt(wallet[0]?.fen ?? 0n);
    const payments = {
      orders: orders.length,
      paidTrades: trades.length,
      credited,
      creditedTwice,
      paidNotCredited,
      replayedNotifications: replayed,
      walletFen: walletFen.toString(),
      paidFen: paidFen.toString(),
    };
    if (credited !== trades.length)
      failures.push(`payments: ${trades.length - credited} paid orders not credited exactly once (${paidNotCredited} not at all)`);
    if (creditedTwice) failures.push(`payments: ${creditedTwice} payments credited twice`);
    if (walletFen !== paidFen) failures.push(`payments: wallets received ${walletFen} fen for ${paidFen} fen paid`);
    if (trades.length === 0) failures.push("payments: no order was paid");

    const coaRows = await db().$queryRawUnsafe<{ sessionId: string; kind: string; reason: string; n: bigint }[]>(
      `SELECT "sessionId", "kind"::text AS kind, "reason", count(*) AS n FROM "coa_requests" GROUP BY 1, 2, 3`,
    );
    const throttled = await db().radiusSession.count({ where: { speedMode: "THROTTLED" } });
    const coa = {
      sessions: sessions.length,
      throttled,
      coaRows: coaRows.reduce((s, r) => s + Number(r.n), 0),
      duplicateEvents: coaRows.filter((r) => Number(r.n) > 1).length,
      nasReceived: nas.received.length,
    };
    if (coa.duplicateEvents) failures.push(`CoA: ${coa.duplicateEvents} events sent more than once`);
    if (coa.nasReceived !== coa.coaRows) failures.push(`CoA: the NAS received ${coa.nasReceived} requests for ${coa.coaRows} rows`);
    if (throttled === 0 || coa.coaRows < throttled) failures.push(`CoA: ${throttled} sessions throttled, ${coa.coaRows} CoA requests`);
    await nas.close();
    return { seconds: opts.seconds, tickSeconds: opts.tickSeconds, killed: !!opts.kill, jobs, payments, coa, failures };
  } finally {
    await Promise.all(apps.map((a) => stopGroup(a.pid!)));
    await pg.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const minutes = arg("minutes");
  const seconds = minutes ? Math.round(Number(minutes) * 60) : Number(arg("seconds") ?? 60);
  const report = await runInstances({
    seconds,
    tickSeconds: Number(arg("tick") ?? 5),
    students: Number(arg("students") ?? 40),
    kill: process.argv.includes("--kill"),
  });
  const json = arg("json");
  if (json) writeFileSync(json, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  log(report.failures.length ? `FAILED:\n  - ${report.failures.join("\n  - ")}` : "all checks passed");
  process.exit(report.failures.length ? 1 : 0);
}
