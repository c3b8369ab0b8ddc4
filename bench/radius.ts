// `npm run bench:radius`: what a campus deploys, against FreeRADIUS's own rlm_sql, in one run:
//   A) FreeRADIUS → rlm_rest → the dedicated RADIUS server (`npm run radius-server`, spawned
//      exactly as production runs it: its npm script, NODE_ENV=production, its own settings)
//      → PostgreSQL, and
//   B) FreeRADIUS → rlm_sql (postgresql driver) → radacct in the same PostgreSQL.
// Prints each figure beside its target (decision 016): throughput ratio with lost packets,
// accounting p50/p99 at --rate packets/s, repeat-login authorize p99, and a cold burst of
// first logins (each student's first since the server started: answered / rejected / dropped,
// p99, within rlm_rest's authorize timeout). Loopback only; every loop is bounded.
//
// Needs Debian's freeradius, freeradius-rest, freeradius-utils and freeradius-postgresql
// (apt-get install -y …). Not part of CI (STYLE.md: benchmarks, never timed assertions).
// Run it alone: `flock /tmp/campusnet-bench.lock npm run bench:radius`.
//
//   npm run bench:radius -- [--rate 1000] [--seconds 10] [--burst 20000] [--window 256]
//                           [--students 300] [--cold 1000] [--profile <dir>]
//
// The load generator speaks RADIUS itself (npm `radius`): a fixed-rate phase measures latency
// at --rate packets/s, a closed-loop phase (--window packets in flight) measures throughput.
// --profile writes a V8 CPU profile of the RADIUS server (node --cpu-prof) into <dir>.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import radius from "radius";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};

// ── load generator ─────────────────────────────────────────────────────────────────────────

type Attrs = [string, string | number | Date][];

interface RunResult {
  sent: number;
  answered: number;
  lost: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** answers by RADIUS code (Accounting-Response, Access-Accept, Access-Reject) */
  codes: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const RADIUS_CODES: Record<number, string> = { 2: "Access-Accept", 3: "Access-Reject", 5: "Accounting-Response" };

/**
 * Send `packets` to host:port. rate > 0: open loop at that rate; rate = 0: closed loop with
 * `window` requests in flight. Each packet waits for its answer up to 5 s (no retransmission).
 */
async function load(opts: {
  port: number;
  secret: string;
  code: string;
  packets: Attrs[];
  rate: number;
  window: number;
  maxSeconds: number;
}): Promise<RunResult> {
  const sockets: dgram.Socket[] = [];
  const SOCKETS = 32;
  const free: [number, number][] = [];
  const inflight = new Map<string, { t: number; timer: NodeJS.Timeout }>();
  const latencies: number[] = [];
  const codes: Record<string, number> = {};
  let answered = 0;
  let lost = 0;
  let next = 0;
  let settle: () => void = () => {};
  const done = new Promise<void>((r) => (settle = r));
  const total = opts.packets.length;
  const finished = () => answered + lost === total;

  const complete = (key: string, ok: boolean, code?: string) => {
    const f = inflight.get(key);
    if (!f) return;
    inflight.delete(key);
    clearTimeout(f.timer);
    const [s, id] = key.split(":").map(Number) as [number, number];
    free.push([s, id]);
    if (ok) {
      answered++;
      if (code) codes[code] = (codes[code] ?? 0) + 1;
      latencies.push(performance.now() - f.t);
    } else lost++;
    if (finished()) settle();
    else if (opts.rate === 0) pump();
  };
  for (let s = 0; s < SOCKETS; s++) {
    const sock = dgram.createSocket("udp4");
    sock.on("message", (msg) => complete(`${s}:${msg.readUInt8(1)}`, true, RADIUS_CODES[msg.readUInt8(0)] ?? String(msg.readUInt8(0))));
    await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
    sockets.push(sock);
    for (let id = 0; id < 256; id++) free.push([s, id]);
  }
  const sendOne = () => {
    if (next >= total) return false;
    const slot = free.shift();
    if (!slot) return false;
    const [s, id] = slot;
    const packet = radius.encode({ code: opts.code, secret: opts.secret, identifier: id, attributes: opts.packets[next++] });
    const key = `${s}:${id}`;
    inflight.set(key, { t: performance.now(), timer: setTimeout(() => complete(key, false), 5000) });
    sockets[s]!.send(packet, opts.port, "127.0.0.1");
    return true;
  };
  function pump() {
    while (inflight.size < opts.window && sendOne());
  }
  const started = performance.now();
  const deadline = setTimeout(() => settle(), opts.maxSeconds * 1000);
  if (opts.rate > 0) {
    const interval = 1000 / opts.rate;
    // 1 ms ticks, catching up to the schedule: an open loop at `rate`
    const ticker = setInterval(() => {
      const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1);
      while (next < due && sendOne());
      if (next >= total) clearInterval(ticker);
    }, 1);
    await done;
    clearInterval(ticker);
  } else {
    pump();
    await done;
  }
  clearTimeout(deadline);
  const seconds = (performance.now() - started) / 1000;
  for (const f of inflight.values()) clearTimeout(f.timer);
  lost += inflight.size;
  for (const s of sockets) s.close();
  latencies.sort((a, b) => a - b);
  return {
    sent: next,
    answered,
    lost,
    seconds,
    perSecond: answered / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    codes,
  };
}

/** An accounting stream: sessions of Start, Interim-Updates, Stop; cumulative totals grow. */
function accountingStream(students: string[], count: number, tag: string): Attrs[] {
  const perSession = 6; // Start, 4 × Interim, Stop
  // Packets 300 s apart, as a NAS sends them: 3 GB in 300 s is possible, in no time it is not (decision 008).
  const t0 = Date.now() - perSession * 300_000;
  const out: Attrs[] = [];
  const sessions = Math.ceil(count / perSession);
  // interleave sessions like a campus does: many sessions progress at once
  const active = Math.min(sessions, 500);
  for (let base = 0; base < sessions; base += active) {
    const group = Array.from({ length: Math.min(active, sessions - base) }, (_, i) => base + i);
    for (let k = 0; k < perSession; k++) {
      for (const i of group) {
        if (out.length >= count) return out;
        const user = students[i % students.length]!;
        const status = k === 0 ? "Start" : k === perSession - 1 ? "Stop" : "Interim-Update";
        const down = BigInt(k) * 3_000_000_000n + BigInt(i); // passes 2^32: gigawords in play
        const up = BigInt(k) * 150_000_000n;
        const attrs: Attrs = [
          ["Acct-Status-Type", status],
          ["User-Name", user],
          ["Acct-Session-Id", `${tag}-${i}`],
          ["NAS-IP-Address", "127.0.0.1"],
          ["NAS-Port", i % 65536],
          [
            "Calling-Station-Id",
            `02-00-${((i >> 16) & 255).toString(16).padStart(2, "0")}-${((i >> 8) & 255).toString(16).padStart(2, "0")}-${(i & 255).toString(16).padStart(2, "0")}-01`,
          ],
          ["Framed-IP-Address", `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
          ["Acct-Input-Octets", Number(up % 4294967296n)],
          ["Acct-Input-Gigawords", Number(up / 4294967296n)],
          ["Acct-Output-Octets", Number(down % 4294967296n)],
          ["Acct-Output-Gigawords", Number(down / 4294967296n)],
          ["Acct-Session-Time", k * 300],
          ["Event-Timestamp", new Date(t0 + k * 300_000)],
        ];
        if (status === "Stop") attrs.push(["Acct-Terminate-Cause", "User-Request"]);
        out.push(attrs);
      }
    }
  }
  return out;
}

// ── orchestration ──────────────────────────────────────────────────────────────────────────

/** rlm_rest's authorize timeout in deploy/freeradius/mods-available/campusnet, milliseconds: an answer later than this is a reject. */
function restAuthorizeTimeoutMs(): number {
  const text = readFileSync(path.resolve("deploy/freeradius/mods-available/campusnet"), "utf8");
  const m = /authorize\s*\{[^}]*?timeout\s*=\s*([\d.]+)/.exec(text);
  return m ? Number(m[1]) * 1000 : 3000;
}

/** Start the RADIUS server the way production does: its npm script, production mode, its own process group. */
async function startRadiusServerProcess(env: NodeJS.ProcessEnv, port: number, profileDir: string | null): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn("npm", ["run", "--silent", "radius-server"], {
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...env,
      NODE_ENV: "production",
      RADIUS_SERVER_HOST: "127.0.0.1",
      RADIUS_SERVER_PORT: String(port),
      ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
    },
  });
  child.stdout!.on("data", (b: Buffer) => process.stdout.write(`[radius-server] ${b.toString().replace(/^\[radius-server\] /gm, "")}`));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm run radius-server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, url };
    if (performance.now() > deadline) throw new Error("npm run radius-server did not become healthy in 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ── CPU per packet ──────────────────────────────────────────────────────────────────────────
// Latency on a 2-core machine depends on everything else running; CPU time per packet does much
// less, so each run also prints the CPU milliseconds each part spent per answered packet: the
// RADIUS server, FreeRADIUS, PostgreSQL (postmaster and all backends, exited ones included
// through cutime) and this load generator. Linux /proc only.

const TICKS_PER_SECOND = 100;

/** utime+stime (+ reaped children's) of `root` and all its live descendants, in milliseconds. */
function treeCpuMs(root: number | undefined): number {
  if (!root) return 0;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return NaN;
  }
  for (const e of entries) {
    try {
      const text = readFileSync(`/proc/${e}/stat`, "utf8");
      const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
      // after "pid (comm) ": state ppid … utime(14) stime(15) cutime(16) cstime(17), here 0-based from state
      stats.set(Number(e), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {}
  }
  let ticks = 0;
  const wanted = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, st] of stats) {
      if (wanted.has(pid) || !wanted.has(st.ppid)) continue;
      wanted.add(pid);
      grew = true;
    }
  }
  for (const pid of wanted) ticks += stats.get(pid)?.ticks ?? 0;
  return (ticks * 1000) / TICKS_PER_SECOND;
}

interface CpuParts {
  server: number;
  freeradius: number;
  postgres: number;
  generator: number;
}

function cpuNow(pids: { server?: number; freeradius?: number; postgres?: number }): CpuParts {
  const me = process.cpuUsage();
  return {
    server: treeCpuMs(pids.server),
    freeradius: treeCpuMs(pids.freeradius),
    postgres: treeCpuMs(pids.postgres),
    generator: (me.user + me.system) / 1000,
  };
}

async function stopProcessGroup(child: ChildProcess | null): Promise<void> {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
  const t = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
  }, 15_000);
  await exited;
  clearTimeout(t);
}

async function main() {
  const rate = arg("rate", 1000);
  const seconds = arg("seconds", 10);
  const burst = arg("burst", 20000);
  const window = arg("window", 256);
  const studentsN = arg("students", 300);
  const coldN = arg("cold", 1000);
  const profileAt = process.argv.indexOf("--profile");
  const profileDir = profileAt > 0 ? path.resolve(process.argv[profileAt + 1]!) : null;
  const log = (m: string) => console.log(`[bench] ${m}`);

  const { freeradiusInstalled, startFreeradius, DEBIAN_RADDB } = await import("../deploy/freeradius/test-server");
  if (!freeradiusInstalled() || !existsSync("/usr/lib/freeradius/rlm_sql_postgresql.so")) {
    console.error(
      "bench:radius needs FreeRADIUS with rlm_rest and rlm_sql's PostgreSQL driver. Install them with:\n  apt-get install -y freeradius freeradius-rest freeradius-utils freeradius-postgresql",
    );
    process.exit(1);
  }
  const { freePort, makeTempDir, startEmbeddedPostgres } = await import("../dev/embedded-pg");
  const { applyMigrations } = await import("../dev/migrate");

  const dir = makeTempDir("campusnet-bench-");
  let app: ChildProcess | null = null;
  let radiusd: Awaited<ReturnType<typeof startFreeradius>> | null = null;
  let pgServer: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  const cleanup = async () => {
    await radiusd?.stop().catch(() => {});
    await stopProcessGroup(app);
    await pgServer?.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

  try {
    log("starting embedded PostgreSQL …");
    pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false });
    await applyMigrations(pgServer.url);
    process.env.DATABASE_URL = pgServer.url;

    // rlm_sql's database: FreeRADIUS's own PostgreSQL schema, in the same server
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE radius`);
    await admin.end();
    const radiusUrl = pgServer.url.replace(/\/campusnet$/, "/radius");
    const rdb = new pg.Client({ connectionString: radiusUrl });
    rdb.on("error", () => {});
    await rdb.connect();
    await rdb.query(readFileSync(path.join(DEBIAN_RADDB, "mods-config/sql/main/postgresql/schema.sql"), "utf8"));

    const total = studentsN + coldN;
    log(`creating ${total} students (${studentsN} for accounting, ${coldN} for the cold logins) …`);
    const { createPrisma } = await import("../lib/db");
    const { createUser } = await import("../dev/factory");
    const { hashNetworkPassword } = await import("../modules/network/password");
    const prisma = createPrisma(pgServer.url);
    // One hash for all: the cost of each check is the same, and the server's memory of verified
    // passwords is per student (it keys on the user as well as the hash).
    const passwordHash = await hashNetworkPassword("Bench2026pw");
    const students: { id: string; studentNo: string }[] = [];
    for (let i = 0; i < total; i++) students.push(await createUser(prisma, { studentNo: `8${String(i).padStart(9, "0")}` }));
    await prisma.networkCredential.createMany({ data: students.map((s) => ({ userId: s.id, passwordHash })) });
    // a large free quota: the stream measures accounting, not a storm of throttling CoAs
    const { monthKey } = await import("../lib/time");
    await prisma.monthlyQuota.createMany({ data: students.map((s) => ({ userId: s.id, month: monthKey(new Date()), freeBytes: 1n << 50n })) });
    const studentNos = students.slice(0, studentsN).map((s) => s.studentNo);
    const coldNos = students.slice(studentsN).map((s) => s.studentNo);

    log("starting campusnet: npm run radius-server (NODE_ENV=production) …");
    const appSecret = randomBytes(24).toString("base64url");
    const started = await startRadiusServerProcess(
      { ...process.env, DATABASE_URL: pgServer.url, RADIUS_SHARED_SECRET: appSecret },
      await freePort(),
      profileDir,
    );
    app = started.child;

    const [pgHost, pgPort] = [new URL(pgServer.url).hostname, new URL(pgServer.url).port];
    const sqlModule = readFileSync(path.join(DEBIAN_RADDB, "mods-available/sql"), "utf8")
      .replace(/dialect = "sqlite"/, 'dialect = "postgresql"')
      .replace(/driver = "rlm_sql_null"/, 'driver = "rlm_sql_postgresql"')
      .replace(/#\s*server = "localhost"/, `server = "${pgHost}"`)
      .replace(/#\s*port = 3306/, `port = ${pgPort}`)
      .replace(/#\s*login = "radius"/, 'login = "postgres"')
      .replace(/#\s*password = "radpass"/, 'password = "postgres"');
    const sqlAcctPort = 40000 + (randomBytes(2).readUInt16BE(0) % 20000);
    const sqlSite = `server sqlacct {
\tlisten {
\t\ttype = acct
\t\tipaddr = 127.0.0.1
\t\tport = ${sqlAcctPort}
\t\trecv_buff = 4194304
\t}
\tpreacct {
\t\tacct_unique
\t}
\taccounting {
\t\tsql
\t}
}
`;
    radiusd = await startFreeradius({
      appUrl: started.url,
      appSecret,
      clientSecret: "bench-secret",
      maxServers: 64,
      extraModules: { sql: sqlModule },
      extraSites: { sqlacct: sqlSite },
    });
    log(`FreeRADIUS ready: campusnet acct ${radiusd.acctPort}, rlm_sql acct ${sqlAcctPort}, auth ${radiusd.authPort}`);

    const rd = radiusd;
    const secret = radiusd.clientSecret;
    const fixedCount = Math.round(rate * seconds);
    // between phases: what one phase left queued in FreeRADIUS or the server must not be timed in the next
    const settle = () => new Promise((r) => setTimeout(r, 3000));
    const results: Record<string, RunResult> = {};
    const cpu: Record<string, CpuParts> = {};
    const postmasterPid = Number(readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
    const pids = { server: app.pid, freeradius: rd.pid, postgres: postmasterPid };
    /** Run one phase and keep what each part spent on it. */
    const phase = async (name: string, run: () => Promise<RunResult>) => {
      const before = cpuNow(pids);
      results[name] = await run();
      const after = cpuNow(pids);
      cpu[name] = {
        server: after.server - before.server,
        freeradius: after.freeradius - before.freeradius,
        postgres: after.postgres - before.postgres,
        generator: after.generator - before.generator,
      };
    };
    // warm-up (connections, JIT, prepared plans), not measured
    await load({
      port: rd.acctPort,
      secret,
      code: "Accounting-Request",
      packets: accountingStream(studentNos, 600, "warm"),
      rate: 0,
      window: 64,
      maxSeconds: 30,
    });
    await load({
      port: sqlAcctPort,
      secret,
      code: "Accounting-Request",
      packets: accountingStream(studentNos, 600, "warm"),
      rate: 0,
      window: 64,
      maxSeconds: 30,
    });

    log(`accounting at ${rate}/s for ${seconds} s (open loop) …`);
    await phase("campusnet @rate", () =>
      load({
        port: rd.acctPort,
        secret,
        code: "Accounting-Request",
        packets: accountingStream(studentNos, fixedCount, "r"),
        rate,
        window: 8192,
        maxSeconds: seconds + 30,
      }),
    );
    await settle();
    await phase("rlm_sql @rate", () =>
      load({
        port: sqlAcctPort,
        secret,
        code: "Accounting-Request",
        packets: accountingStream(studentNos, fixedCount, "r"),
        rate,
        window: 8192,
        maxSeconds: seconds + 30,
      }),
    );
    await settle();

    log(`accounting throughput: ${burst} packets, ${window} in flight …`);
    await phase("campusnet max", () =>
      load({
        port: rd.acctPort,
        secret,
        code: "Accounting-Request",
        packets: accountingStream(studentNos, burst, "b"),
        rate: 0,
        window,
        maxSeconds: 120,
      }),
    );
    await settle();
    await phase("rlm_sql max", () =>
      load({
        port: sqlAcctPort,
        secret,
        code: "Accounting-Request",
        packets: accountingStream(studentNos, burst, "b"),
        rate: 0,
        window,
        maxSeconds: 120,
      }),
    );
    await settle();

    const auth = (nos: string[], n: number): Attrs[] =>
      Array.from({ length: n }, (_, i) => [
        ["User-Name", nos[i % nos.length]!],
        ["User-Password", "Bench2026pw"],
        ["NAS-IP-Address", "127.0.0.1"],
        ["Calling-Station-Id", "02-00-00-00-00-02"],
      ]);
    log(`authorize (PAP): the ${studentsN} accounting students log in once, 16 at a time …`);
    await phase("authorize first", () =>
      load({
        port: rd.authPort,
        secret,
        code: "Access-Request",
        packets: auth(studentNos, studentsN),
        rate: 0,
        window: 16,
        maxSeconds: 60,
      }),
    );
    await settle();
    log(`authorize (PAP): a cold burst of ${coldN} first logins of other students, all sent at once …`);
    await phase("authorize cold", () =>
      load({
        port: rd.authPort,
        secret,
        code: "Access-Request",
        packets: auth(coldNos, coldN),
        rate: 0,
        window: coldN,
        maxSeconds: 60,
      }),
    );
    await settle();
    log(`authorize (PAP): repeat logins of the ${studentsN} at 500/s …`);
    await phase("authorize repeat", () =>
      load({
        port: rd.authPort,
        secret,
        code: "Access-Request",
        packets: auth(studentNos, 2500),
        rate: 500,
        window: 8192,
        maxSeconds: 60,
      }),
    );

    // sanity: the bytes arrived on both sides
    const { rows: sqlRows } = await rdb.query(`SELECT COUNT(*)::int AS n, COALESCE(SUM(acctoutputoctets),0)::text AS down FROM radacct`);
    const check = await prisma.$queryRaw<
      { n: number; down: string }[]
    >`SELECT COUNT(*)::int AS n, COALESCE(SUM("outputOctets"),0)::text AS down FROM "radius_sessions"`;
    await rdb.end();
    await prisma.$disconnect();

    const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");
    console.log("\nRADIUS benchmark (loopback, this machine): campusnet = FreeRADIUS rlm_rest → npm run radius-server");
    console.log("run                  sent    answered  lost   seconds  per-second  p50 ms  p99 ms  max ms  answers");
    for (const [name, r] of Object.entries(results)) {
      const codes = Object.entries(r.codes)
        .map(([c, n]) => `${c} ${n}`)
        .join(", ");
      console.log(
        `${name.padEnd(20)} ${String(r.sent).padStart(6)}  ${String(r.answered).padStart(8)}  ${String(r.lost).padStart(4)}  ${f(r.seconds).padStart(7)}  ${f(r.perSecond).padStart(10)}  ${f(r.p50).padStart(6)}  ${f(r.p99).padStart(6)}  ${f(r.max).padStart(6)}  ${codes}`,
      );
    }
    console.log("\nCPU milliseconds per answered packet (settle pauses excluded; the server's and FreeRADIUS's idle threads cost ~0):");
    console.log("run                  RADIUS server  FreeRADIUS  PostgreSQL  load generator   total");
    for (const [name, c] of Object.entries(cpu)) {
      const n = Math.max(1, results[name]!.answered);
      const per = (ms: number) => (ms / n).toFixed(3).padStart(8);
      console.log(
        `${name.padEnd(20)} ${per(c.server).padStart(13)}  ${per(c.freeradius).padStart(10)}  ${per(c.postgres).padStart(10)}  ${per(c.generator).padStart(14)}  ${per(c.server + c.freeradius + c.postgres + c.generator)}`,
      );
    }
    const verdict = (met: boolean) => (met ? "MET" : "NOT MET");
    const cn = results["campusnet max"]!;
    const sq = results["rlm_sql max"]!;
    const ratio = cn.perSecond / sq.perSecond;
    const atRate = results["campusnet @rate"]!;
    const repeat = results["authorize repeat"]!;
    const cold = results["authorize cold"]!;
    const budget = restAuthorizeTimeoutMs();
    const coldAccepted = cold.codes["Access-Accept"] ?? 0;
    const coldRejected = cold.codes["Access-Reject"] ?? 0;
    console.log("\nfigure                                   measured                                         target                                 verdict");
    const line = (what: string, measured: string, target: string, met: boolean) =>
      console.log(`${what.padEnd(40)} ${measured.padEnd(48)} ${target.padEnd(38)} ${verdict(met)}`);
    line(
      "throughput campusnet / rlm_sql",
      `${ratio.toFixed(2)} (${f(cn.perSecond)}/s lost ${cn.lost}; ${f(sq.perSecond)}/s lost ${sq.lost})`,
      "≥ 1.5× with 0 lost",
      ratio >= 1.5 && cn.lost === 0,
    );
    line(
      `accounting at ${rate}/s`,
      `p50 ${f(atRate.p50)} ms, p99 ${f(atRate.p99)} ms, lost ${atRate.lost} (rlm_sql p99 ${f(results["rlm_sql @rate"]!.p99)} ms)`,
      "p99 < 50 ms at 1,000/s",
      atRate.p99 < 50 && atRate.lost === 0 && rate >= 1000,
    );
    line(
      "authorize, repeat logins (500/s)",
      `p99 ${f(repeat.p99)} ms, accepted ${repeat.codes["Access-Accept"] ?? 0}/${repeat.sent}, lost ${repeat.lost}`,
      "p99 < 10 ms",
      repeat.p99 < 10 && repeat.lost === 0 && (repeat.codes["Access-Accept"] ?? 0) === repeat.sent,
    );
    line(
      `cold burst: ${coldN} first logins at once`,
      `accepted ${coldAccepted}, rejected ${coldRejected}, dropped ${cold.lost}; p99 ${f(cold.p99)} ms, max ${f(cold.max)} ms`,
      `all accepted within ${budget} ms (rlm_rest)`,
      coldN >= 1000 && coldAccepted === coldN && cold.max < budget,
    );
    console.log(`\nrows: radius_sessions ${check[0]?.n} (Σ download ${check[0]?.down}), radacct ${sqlRows[0].n} (Σ download ${sqlRows[0].down})`);
    if (profileDir) console.log(`CPU profile of the RADIUS server (written when it stops): ${profileDir}`);
  } catch (e) {
    console.error("[bench] failed:", e);
    if (radiusd) console.error(radiusd.output().slice(-3000));
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
process.exit(process.exitCode ?? 0);
