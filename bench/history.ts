// `npm run bench:history`: one student's 12-month usage chart against a large session history
// (docs/decisions/014-usage-history-partitions.md). Seeds --sessions closed sessions into the
// month-partitioned radius_session_history in SQL (generate_series, one INSERT per month, not
// Prisma row by row), derives daily_usage from them, then times the chart exactly as the home
// page asks for it (modules/usage/service.ts getMonthlyUsage(userId, 12), through Prisma) over
// --runs random students, and prints p50/p95 against the target (p95 < 10 ms), the EXPLAIN of
// its SQL (partition pruning), the 流量详情 page's session list (listSessions) and the probe
// accounting makes for a batch's new sessions (are they archived?).
//
// Then the accounting hot path's throughput on an empty database and beside this history, same run.
//
//   npm run bench:history -- [--sessions 1000000] [--students 20000] [--runs 1000]
//                            [--dir .data/bench-history] [--fresh] [--acct-packets 20000]
//
// The cluster lives in --dir (kept, so a 10 M seed is paid once; --fresh seeds again). Run it
// alone: `flock /tmp/campusnet-bench.lock npm run bench:history -- --sessions 10000000`.
import { existsSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { freePort, startEmbeddedPostgres } from "../dev/embedded-pg";
import { applyMigrations } from "../dev/migrate";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const strArg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const SESSIONS = arg("sessions", 1_000_000);
const STUDENTS = arg("students", 20_000);
const RUNS = arg("runs", 1000);
const DIR = path.resolve(strArg("dir", ".data/bench-history"));
const FRESH = process.argv.includes("--fresh");
const TARGET_P95_MS = 10;
const ACCT_PACKETS = arg("acct-packets", 20_000);

const log = (m: string) => console.log(`[bench:history] ${m}`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main() {
  if (!Number.isInteger(SESSIONS) || SESSIONS < 13 || !Number.isInteger(STUDENTS) || STUDENTS < 1)
    throw new Error("--sessions ≥ 13 and --students ≥ 1, whole numbers");
  if (FRESH && existsSync(DIR)) rmSync(DIR, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dataDir: path.join(DIR, "pg"), port: await freePort(), persistent: true });
  process.env.DATABASE_URL = server.url;
  const c = new pg.Client({ connectionString: server.url });
  try {
    await applyMigrations(server.url);
    await c.connect();
    // the services read DATABASE_URL when first used, so import them after it is set
    const { now: clockNow } = await import("@/lib/clock");
    const { monthKey, monthStart, shiftMonthKey } = await import("@/lib/time");
    const { ensureUsagePartitions, listUsagePartitions } = await import("@/modules/usage/partitions.service");
    const { getMonthlyUsage } = await import("@/modules/usage/service");
    const { listSessions } = await import("@/modules/network/service");
    const { db } = await import("@/lib/db");
    const now = clockNow();
    await ensureUsagePartitions(now);

    await c.query(`CREATE TABLE IF NOT EXISTS bench_history_meta (sessions bigint, students int, month text)`);
    const meta = (await c.query<{ sessions: string; students: number; month: string }>(`SELECT * FROM bench_history_meta`)).rows[0];
    if (meta && (Number(meta.sessions) !== SESSIONS || meta.students !== STUDENTS || meta.month !== monthKey(now)))
      throw new Error(`${DIR} holds ${meta.sessions} sessions of ${meta.students} students seeded in ${meta.month}: add --fresh to seed again`);
    if (!meta) {
      const t0 = performance.now();
      await c.query(
        `
        INSERT INTO "users" ("id", "studentNo", "name", "updatedAt")
        SELECT gen_random_uuid(), 'B' || lpad(g::text, 9, '0'), '压测学生', now() FROM generate_series(1, $1::int) g`,
        [STUDENTS],
      );
      await c.query(
        `CREATE TABLE bench_students AS SELECT (row_number() OVER (ORDER BY "studentNo") - 1)::int AS k, "id", "studentNo" FROM "users" WHERE "studentNo" LIKE 'B%'`,
      );
      await c.query(`CREATE UNIQUE INDEX ON bench_students (k)`);
      // 13 billing months: 12 before this one and this one up to now, the same number of sessions each
      const first = shiftMonthKey(monthKey(now), -12);
      let done = 0;
      for (let i = 0; i < 13; i++) {
        const m = shiftMonthKey(first, i);
        const lo = monthStart(m);
        const hi = i === 12 ? now : monthStart(shiftMonthKey(m, 1));
        const n = i === 12 ? SESSIONS - done : Math.floor(SESSIONS / 13);
        const t = performance.now();
        await c.query(
          `INSERT INTO "radius_session_history" ("id", "acctUniqueId", "acctSessionId", "userId", "username", "nasIp", "nasIdentifier", "framedIp", "mac",
             "state", "inputOctets", "outputOctets", "startedAt", "lastUpdateAt", "stoppedAt", "terminateCause", "unknownUser", "speedMode")
           SELECT gen_random_uuid(), 'bench-' || $4::text || '-' || g, to_hex(g), s."id", s."studentNo", '10.0.' || (g % 250) || '.1', 'AP-' || (g % 250), NULL,
             '02:00:00:' || to_char(s.k % 100, 'FM00') || ':00:01', 'STOPPED', (random() * 5e7)::bigint, (random() * 5e8)::bigint,
             st, st + interval '40 minutes', st + interval '40 minutes', 'User-Request', false, 'HIGH_SPEED'
           FROM (SELECT g, $2::timestamptz + random() * ($3::timestamptz - $2::timestamptz) AS st FROM generate_series(1, $1::int) g) x
           JOIN bench_students s ON s.k = (x.g::bigint * 7919 + $4::int) % $5::int`,
          [n, lo, hi, i, STUDENTS],
        );
        await c.query(
          `INSERT INTO "daily_usage" ("userId", "day", "uploadBytes", "downloadBytes")
           SELECT "userId", ("startedAt" AT TIME ZONE 'Asia/Shanghai')::date, SUM("inputOctets"), SUM("outputOctets")
           FROM "radius_session_history" WHERE "startedAt" >= $1 AND "startedAt" < $2 AND "acctUniqueId" LIKE 'bench-%'
           GROUP BY 1, 2`,
          [lo, hi],
        );
        done += n;
        log(`seeded ${m}: ${n.toLocaleString("en")} sessions (+ their daily rollups) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      await c.query(`VACUUM ANALYZE "radius_session_history"`);
      await c.query(`VACUUM ANALYZE "daily_usage"`);
      await c.query(`INSERT INTO bench_history_meta VALUES ($1, $2, $3)`, [SESSIONS, STUDENTS, monthKey(now)]);
      log(`seed: ${SESSIONS.toLocaleString("en")} sessions of ${STUDENTS.toLocaleString("en")} students in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }

    const counts = (
      await c.query<{ sessions: string; days: string; parts: number; size: string }>(`
        SELECT (SELECT COUNT(*) FROM "radius_session_history") AS sessions, (SELECT COUNT(*) FROM "daily_usage") AS days,
               (SELECT COUNT(*)::int FROM pg_inherits WHERE inhparent = 'radius_session_history'::regclass) AS parts,
               pg_size_pretty((SELECT SUM(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'radius_session_history'::regclass)) AS size`)
    ).rows[0]!;
    log(
      `radius_session_history: ${Number(counts.sessions).toLocaleString("en")} rows in ${counts.parts} partitions (${counts.size}); daily_usage: ${Number(counts.days).toLocaleString("en")} rows`,
    );
    log(`partitions: ${(await listUsagePartitions()).length} across radius_session_history, daily_usage, device_daily_usage`);

    const students = (await c.query<{ id: string }>(`SELECT "id" FROM bench_students ORDER BY random() LIMIT $1`, [Math.min(RUNS, STUDENTS)])).rows.map(
      (r) => r.id,
    );
    const pick = (i: number) => students[i % students.length]!;
    const time = async (label: string, runs: number, f: (userId: string) => Promise<unknown>) => {
      for (let i = 0; i < Math.min(50, runs); i++) await f(pick(i + 7)); // warm-up: connections, plans, the first pages read
      const t: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await f(pick(i));
        t.push(performance.now() - s);
      }
      t.sort((a, b) => a - b);
      return { p50: pct(t, 50), p95: pct(t, 95), p99: pct(t, 99), max: t[t.length - 1]! };
    };

    const chart = await time("chart", RUNS, async (u) => {
      const months = await getMonthlyUsage(u, 12, now);
      if (months.length !== 12) throw new Error("chart lost a month");
    });
    // the same SQL on a plain pg connection: the database's share of the chart's time
    const fromDay = `${shiftMonthKey(monthKey(now), -11)}-01`;
    const toDay = `${shiftMonthKey(monthKey(now), 1)}-01`;
    const sqlOnly = await time("sql", RUNS, (u) =>
      c.query(
        `SELECT to_char("day", 'YYYY-MM') AS month, SUM("uploadBytes")::bigint AS up, SUM("downloadBytes")::bigint AS down
         FROM "daily_usage" WHERE "userId" = $1::uuid AND "day" >= $2::date AND "day" < $3::date GROUP BY 1`,
        [u, fromDay, toDay],
      ),
    );
    const month = shiftMonthKey(monthKey(now), -3);
    const detail = await time("sessions", Math.min(RUNS, 300), (u) => listSessions(u, { month }, now));

    // The SQL getMonthlyUsage sends, for one student: which partitions it reads.
    const from = `${shiftMonthKey(monthKey(now), -11)}-01`;
    const to = `${shiftMonthKey(monthKey(now), 1)}-01`;
    const plan = (
      await c.query<{ "QUERY PLAN": string }>(
        `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON)
         SELECT to_char("day", 'YYYY-MM') AS month, SUM("uploadBytes")::bigint AS up, SUM("downloadBytes")::bigint AS down
         FROM "daily_usage" WHERE "userId" = $1::uuid AND "day" >= $2::date AND "day" < $3::date GROUP BY 1`,
        [pick(0), from, to],
      )
    ).rows.map((r) => r["QUERY PLAN"]);
    // planning and execution apart, the median of 20 on a warm connection
    const phases: { plan: number; exec: number }[] = [];
    for (let i = 0; i < 20; i++) {
      const lines = (
        await c.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON)
           SELECT to_char("day", 'YYYY-MM') AS month, SUM("uploadBytes")::bigint AS up, SUM("downloadBytes")::bigint AS down
           FROM "daily_usage" WHERE "userId" = $1::uuid AND "day" >= $2::date AND "day" < $3::date GROUP BY 1`,
          [pick(i), from, to],
        )
      ).rows.map((r) => r["QUERY PLAN"]);
      const num = (re: RegExp) => Number(lines.map((l) => re.exec(l)?.[1]).find((v) => v !== undefined));
      phases.push({ plan: num(/Planning Time: ([\d.]+)/), exec: num(/Execution Time: ([\d.]+)/) });
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const dailyParts = (await c.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM pg_inherits WHERE inhparent = 'daily_usage'::regclass`)).rows[0]!.n;
    const scanned = new Set(plan.flatMap((l) => [...l.matchAll(/on (daily_usage_\w+)/g)].map((m) => m[1]))).size;

    // accounting's extra probe for a batch with new sessions: are any of them archived?
    const ids = (await c.query<{ a: string }>(`SELECT 'bench-3-' || g AS a FROM generate_series(1, 50) g`)).rows.map((r) => r.a);
    const probe = (
      await c.query<{ "QUERY PLAN": string }>(
        `EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) SELECT DISTINCT "acctUniqueId" FROM "radius_session_history" WHERE "acctUniqueId" = ANY($1::text[])`,
        [ids],
      )
    ).rows.map((r) => r["QUERY PLAN"]);

    // Accounting throughput beside the history (the target: unchanged): the same packets through the
    // group commit on an empty database in this cluster and on the seeded one, twice each, alternating.
    const emptyUrl = server.url.replace(/\/[^/?]+(\?|$)/, "/campusnet_bench_empty$1");
    await c.query(`DROP DATABASE IF EXISTS campusnet_bench_empty`);
    await c.query(`CREATE DATABASE campusnet_bench_empty`);
    await applyMigrations(emptyUrl);
    const { accountingThroughput } = await import("./accounting-load");
    const acct: Record<"empty" | "seeded", Awaited<ReturnType<typeof accountingThroughput>>[]> = { empty: [], seeded: [] };
    const stamp = Date.now().toString(36);
    for (let round = 0; round < 2; round++) {
      for (const which of ["empty", "seeded"] as const) {
        log(`accounting throughput on the ${which} database (round ${round + 1} of 2) …`);
        acct[which].push(
          await accountingThroughput(which === "empty" ? emptyUrl : server.url, {
            packets: ACCT_PACKETS,
            students: 300,
            window: 256,
            tag: `${stamp}-${which}-${round}`,
          }),
        );
      }
    }
    process.env.DATABASE_URL = server.url;
    await c.query(`DROP DATABASE IF EXISTS campusnet_bench_empty`);
    const best = (xs: { perSecond: number }[]) => Math.max(...xs.map((x) => x.perSecond));

    console.log("");
    console.log(
      `=== bench:history — ${Number(counts.sessions).toLocaleString("en")} session rows, ${STUDENTS.toLocaleString("en")} students, ${RUNS} runs ===`,
    );
    console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} (figures from a busy machine are not the target's)`);
    console.log(`12-month chart (getMonthlyUsage, via Prisma): p50 ${ms(chart.p50)}  p95 ${ms(chart.p95)}  p99 ${ms(chart.p99)}  max ${ms(chart.max)}`);
    console.log(`  target p95 < ${TARGET_P95_MS} ms: ${chart.p95 < TARGET_P95_MS ? "MET" : "NOT MET"}`);
    console.log(`  the same SQL on a plain pg connection: p50 ${ms(sqlOnly.p50)}  p95 ${ms(sqlOnly.p95)}`);
    console.log(
      `  in the database (EXPLAIN ANALYZE, median of 20): planning ${ms(median(phases.map((p) => p.plan)))}, execution ${ms(median(phases.map((p) => p.exec)))}`,
    );
    console.log(`  partition pruning: ${scanned} of ${dailyParts} daily_usage partitions read`);
    console.log(`流量详情 page, one month's sessions (listSessions, 4 queries): p50 ${ms(detail.p50)}  p95 ${ms(detail.p95)}`);
    console.log(
      `accounting's archived-session probe (50 ids): ${probe
        .filter((l) => /Planning Time|Execution Time/.test(l))
        .map((l) => l.trim())
        .join(", ")}`,
    );
    console.log(
      `accounting throughput (recordAccounting, ${ACCT_PACKETS.toLocaleString("en")} packets, 256 in flight, best of 2): empty database ${best(acct.empty).toFixed(0)}/s, ` +
        `beside this history ${best(acct.seeded).toFixed(0)}/s — ratio ${(best(acct.seeded) / best(acct.empty)).toFixed(2)} (target: unchanged, ≈ 1.0)`,
    );
    for (const which of ["empty", "seeded"] as const)
      console.log(`  ${which.padEnd(6)}: ${acct[which].map((r) => `${r.perSecond.toFixed(0)}/s (p50 ${ms(r.p50)}, p99 ${ms(r.p99)})`).join("; ")}`);
    console.log("");
    console.log(`EXPLAIN of the chart's SQL (userId = one student, ${from} <= day < ${to}):`);
    for (const l of plan) console.log(`  ${l}`);
    await db().$disconnect();
  } finally {
    await c.end().catch(() => {});
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
