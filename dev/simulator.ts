// `npm run simulate` — demo traffic for the demo campus (decision 007). Also started by `npm run dev`
// (dev/start.ts) once Next answers; SIMULATE=0 turns that off.
//
// A pretend campus NAS (access controller) with a few hundred students' phones, laptops and
// tablets. It speaks to the running app exactly as FreeRADIUS does: POST /api/radius/authorize
// (PAP with the student's network password) and /api/radius/accounting (Start, Interim-Update
// with cumulative octets and gigawords, Stop; Accounting-On at start, Accounting-Off at the
// end), with the shared-secret header from lib/env.ts and rlm_rest's JSON body. With
// SIMULATE_VIA=freeradius it starts a real FreeRADIUS (deploy/freeradius/) in front of the app
// and sends real RADIUS packets with radclient instead.
//
// It registers itself as a NAS (127.0.0.1, CoA port below) and answers the app's CoA-Request
// and Disconnect-Request on loopback with ACKs (decoded and encoded with the `radius` npm
// package): a CoA changes the session's rate (throttled sessions then move less), a
// Disconnect ends the session with a Stop (Admin-Reset), like a real NAS.
//
// Time is compressed: the day/night rhythm runs on a clock SIMULATE_SPEEDUP times faster than
// the wall clock (a day in 24 minutes at 60×) and traffic is scaled by the same factor, so
// each Interim-Update carries tens to hundreds of MB. The demo student 2023010001 always has a
// live session, and a couple of students with little high-speed data left stream hard so that
// someone is visibly throttled (by CoA) within minutes.
//
// The 10.x addresses are data in the accounting packets only; every packet goes to the app
// (or FreeRADIUS) on loopback. It stops cleanly on SIGINT/SIGTERM (Stop for every session, then
// Accounting-Off) and by itself when the app has been unreachable for 30 s.
//
// Knobs (environment):
//   SIMULATE_URL          app base URL (default http://localhost:$PORT or :3000)
//   DATABASE_URL          the app's database (default: the embedded one of `npm run dev`)
//   SIMULATE_STUDENTS     students simulated (300)
//   SIMULATE_SPEEDUP      time compression (60)
//   SIMULATE_INTERIM_MS   real milliseconds between Interim-Updates of a session (10000)
//   SIMULATE_HEAVY        heavy streamers picked to run out of quota (2)
//   SIMULATE_DEMO_STUDENT student kept online (2023010001; "" for none)
//   SIMULATE_NAS_IP       the pretend NAS's address, loopback (127.0.0.1)
//   SIMULATE_COA_PORT     UDP port for CoA/Disconnect (3799; taken → any free port)
//   SIMULATE_VIA          http | freeradius (http)
//   SIMULATE_SEED         which campus: devices and habits are deterministic per seed (1)
import dgram from "node:dgram";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import radius from "radius";
import { hashNetworkPassword, verifyNetworkPassword } from "../modules/network/password";
import { now, nowMs } from "../lib/clock";
import { monthKey } from "../lib/time";
import { loadDictionaries } from "../modules/radius/coa";
import {
  accountingAttributes,
  dailyGiB,
  demandBytesPerSecond,
  devicesFor,
  downBpsFromAttributes,
  flattenRestReply,
  hash32,
  humanBytes,
  MiB,
  mulberry32,
  onlineShare,
  pickTerminateCause,
  rateCapBytesPerSecond,
  restBody,
  shanghaiClock,
  simulatedTime,
  simulatorPassword,
  startProbability,
  stopProbability,
  uploadShare,
  type SimDeviceSpec,
} from "./simulator-model";

export interface SimulatorOptions {
  appUrl: string;
  databaseUrl: string;
  /** how many students (demo and heavy ones included); ignored with studentNos */
  students?: number;
  /** simulate exactly these students (tests) */
  studentNos?: string[];
  /** kept online all the time; null for none */
  demoStudentNo?: string | null;
  /** students with little quota left picked to stream hard; or name them */
  heavy?: number;
  heavyStudentNos?: string[];
  speedup?: number;
  tickMs?: number;
  interimMs?: number;
  /** mean real session length per device kind, minutes */
  sessionMinutes?: { phone: number; laptop: number; tablet: number };
  /** bytes per real second of a heavy streamer before it is throttled */
  heavyBytesPerSecond?: number;
  /** bytes per real second of the demo student's always-on laptop */
  demoBytesPerSecond?: number;
  nasIp?: string;
  coaPort?: number;
  nasSecret?: string;
  via?: "http" | "freeradius";
  radiusSecret: string;
  secretHeader?: string;
  seed?: number;
  maxInFlight?: number;
  appGoneMs?: number;
  startupTimeoutMs?: number;
  logEveryMs?: number;
  log?: (line: string) => void;
}

export interface SimulatorStats {
  online: number;
  studentsOnline: number;
  starts: number;
  interims: number;
  stops: number;
  authAccepted: number;
  authRejected: number;
  coa: number;
  disconnects: number;
  throttled: string[];
  bytes: number;
  errors: number;
}

export interface RunningSimulator {
  coaPort: number;
  nasIp: string;
  stats(): SimulatorStats;
  /** resolves with the reason when the simulator stopped (asked to, or the app went away) */
  done: Promise<string>;
  stop(reason?: string): Promise<string>;
}

class Unreachable extends Error {}
class ServerError extends Error {}
class Forbidden extends Error {}

type Attrs = Record<string, string | number | undefined>;
interface AuthAnswer {
  accept: boolean;
  attrs: Record<string, unknown>;
}
interface Transport {
  authorize(attrs: Attrs): Promise<AuthAnswer>;
  accounting(attrs: Attrs): Promise<void>;
  close(): Promise<void>;
}

// ── Transports ─────────────────────────────────────────────────────────────────────────────

function httpTransport(appUrl: string, secret: string, header: string): Transport {
  const base = appUrl.replace(/\/$/, "");
  const post = async (endpoint: string, attrs: Attrs) => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/radius/${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json", [header]: secret },
        body: JSON.stringify(restBody(attrs)),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      throw new Unreachable(String((e as Error).cause ?? e));
    }
    const text = await res.text();
    if (res.status === 403) throw new Forbidden("the app refused the RADIUS shared secret");
    if (res.status >= 500) throw new ServerError(`${endpoint}: HTTP ${res.status}`);
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  return {
    async authorize(attrs) {
      const r = await post("authorize", attrs);
      if (r.status === 200) return { accept: true, attrs: flattenRestReply(r.body) };
      if (r.status === 401 || r.status === 403) return { accept: false, attrs: flattenRestReply(r.body) };
      throw new ServerError(`authorize: HTTP ${r.status}`);
    },
    async accounting(attrs) {
      const r = await post("accounting", attrs);
      if (r.status >= 300) throw new ServerError(`accounting: HTTP ${r.status}`);
    },
    close: async () => {},
  };
}

/** Real RADIUS through a FreeRADIUS we start in front of the app, one radclient per packet. */
async function freeradiusTransport(appUrl: string, secret: string, header: string): Promise<Transport> {
  const { freeradiusInstalled, startFreeradius, radclient: sendRadclient } = await import("../deploy/freeradius/test-server");
  if (!freeradiusInstalled()) throw new Error("SIMULATE_VIA=freeradius needs Debian's freeradius, freeradius-rest and freeradius-utils (radclient)");
  const radiusd = await startFreeradius({ appUrl, appSecret: secret, appSecretHeader: header, clientSecret: randomBytes(12).toString("hex") });
  // Acct-Unique-Session-Id is FreeRADIUS's to compute (acct_unique), not the NAS's to send.
  const radclient = (kind: "auth" | "acct", attrs: Attrs) =>
    sendRadclient(radiusd, kind, Object.fromEntries(Object.entries(attrs).filter(([k]) => k !== "Acct-Unique-Session-Id")), { retries: 2 });
  return {
    async authorize(attrs) {
      const r = await radclient("auth", attrs);
      if (r.code === "Access-Accept") return { accept: true, attrs: r.attrs };
      if (r.code === "Access-Reject") return { accept: false, attrs: r.attrs };
      throw new Unreachable(`no answer from FreeRADIUS/app (${r.code})`);
    },
    async accounting(attrs) {
      const r = await radclient("acct", attrs);
      if (r.code !== "Accounting-Response") throw new Unreachable(`no Accounting-Response (${r.code})`);
    },
    close: () => radiusd.stop(),
  };
}

// ── The simulator ─────────────────────────────────────────────────────────────────────────

interface SimStudent {
  userId: string;
  studentNo: string;
  dailyGiB: number;
  demo: boolean;
  heavy: boolean;
  creds: "unknown" | "ok" | "own" | "checking";
}

/** How a session signs in: PAP as the student, or MAC authentication as a registered device. */
interface SignIn {
  user: string;
  password: string;
  mac: string;
}

interface SimSession {
  /** User-Name and Calling-Station-Id of the session (the student number, or a registered MAC) */
  user: string;
  mac: string;
  acctSessionId: string;
  uniqueId: string;
  startedAt: number;
  input: bigint;
  output: bigint;
  /** bytes accrued but not yet whole (counters are integers) */
  carry: number;
  downBps: number;
  throttled: boolean;
  started: boolean;
  nextInterimAt: number;
  /** set by a Disconnect-Request or shutdown: send Stop with this cause */
  stopCause: string | null;
  /** a Stop for this session has gone out (it may be retried): it is ending */
  stopping: boolean;
  stopTries: number;
  /** the always-on session of the demo student or a heavy streamer */
  pinned: boolean;
}

interface SimDevice {
  student: SimStudent;
  spec: SimDeviceSpec;
  pinned: boolean;
  session: SimSession | null;
  busy: boolean;
  nextAttemptAt: number;
}

const DEFAULT_SESSION_MINUTES = { phone: 6, laptop: 12, tablet: 8 };
const DEMO_ACCOUNTS_NOT_SIMULATED = new Set(["2023010003", "2023010004"]); // brand-new / "no package" demo personas stay as described

export async function startSimulator(o: SimulatorOptions): Promise<RunningSimulator> {
  const log = o.log ?? ((m: string) => console.log(`\x1b[35m[simulate]\x1b[0m ${m}`));
  const speedup = o.speedup ?? 60;
  const tickMs = o.tickMs ?? 1000;
  const interimMs = o.interimMs ?? 10_000;
  const nasIp = o.nasIp ?? "127.0.0.1";
  const nasSecret = o.nasSecret ?? "campusnet-simulator-coa";
  const seed = o.seed ?? 1;
  const maxInFlight = o.maxInFlight ?? (o.via === "freeradius" ? 6 : 16);
  const appGoneMs = o.appGoneMs ?? 30_000;
  const sessionMinutes = o.sessionMinutes ?? DEFAULT_SESSION_MINUTES;
  const demoStudentNo = o.demoStudentNo === undefined ? "2023010001" : o.demoStudentNo;
  const heavyBps = o.heavyBytesPerSecond ?? 40 * MiB;
  const demoBps = o.demoBytesPerSecond ?? 0.25 * MiB;
  const rand = mulberry32(hash32(`run:${seed}:${Date.now()}`));
  const runId = randomBytes(3).toString("hex");
  let sessionCounter = 0;

  if (!/^127\./.test(nasIp)) throw new Error(`the simulated NAS must be on loopback (got ${nasIp})`);

  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: 3 });
  // Ctrl-C in `npm run dev` stops the embedded PostgreSQL at the same moment: an idle client
  // losing its connection is expected then, not a crash. (Sessions a dying database could not
  // close are closed by the next run's Accounting-On.)
  pool.on("error", () => {});
  const cleanups: (() => Promise<void>)[] = [async () => void (await pool.end())];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    cleanups.length = 0;
  };

  try {
    // ── who ──
    const policyRow = await pool.query(`SELECT "highSpeedDownKbps", "throttledDownKbps", "freeMonthlyBytes" FROM "quota_policy" WHERE "id" = 1`);
    const highDownKbps = Number(policyRow.rows[0]?.highSpeedDownKbps ?? 102400);
    const throttledDownKbps = Number(policyRow.rows[0]?.throttledDownKbps ?? 2048);
    const students = await pickStudents(pool, {
      count: o.students ?? 300,
      studentNos: o.studentNos,
      demoStudentNo,
      heavy: o.heavy ?? 2,
      heavyStudentNos: o.heavyStudentNos,
      seed,
      freeMonthlyBytes: BigInt(policyRow.rows[0]?.freeMonthlyBytes ?? 20n * 1024n ** 3n),
    });
    if (students.length === 0) throw new Error("no active students in the database (is the demo campus seeded?)");

    // ── the NAS's CoA listener, registered as a NAS the app knows ──
    loadDictionaries();
    const socket = await bindCoa(nasIp, o.coaPort ?? 3799);
    const coaPort = socket.address().port;
    cleanups.push(() => new Promise<void>((r) => socket.close(() => r())));
    await pool.query(
      `INSERT INTO "nas_clients" ("id", "name", "ipAddress", "secret", "coaPort", "createdAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, now())
       ON CONFLICT ("ipAddress") DO UPDATE SET "name" = EXCLUDED."name", "secret" = EXCLUDED."secret", "coaPort" = EXCLUDED."coaPort"`,
      ["校园网流量模拟器 (demo traffic simulator)", nasIp, nasSecret, coaPort],
    );

    const transport =
      o.via === "freeradius"
        ? await freeradiusTransport(o.appUrl, o.radiusSecret, o.secretHeader ?? "X-Campusnet-Radius-Secret")
        : httpTransport(o.appUrl, o.radiusSecret, o.secretHeader ?? "X-Campusnet-Radius-Secret");
    cleanups.push(() => transport.close());

    // ── wait for the app; Accounting-On closes what a previous run left open at this NAS ──
    const deadline = Date.now() + (o.startupTimeoutMs ?? 180_000);
    for (;;) {
      try {
        await transport.accounting(accountingAttributes({ status: "Accounting-On", nasIp, at: now() }));
        break;
      } catch (e) {
        if (e instanceof Forbidden) throw new Error(`${e.message}: set the same RADIUS_SHARED_SECRET for the app and the simulator`);
        if (Date.now() > deadline)
          throw new Error(`the app at ${o.appUrl} did not answer within ${Math.round((o.startupTimeoutMs ?? 180_000) / 1000)} s (${(e as Error).message})`);
        await sleep(1000);
      }
    }

    // ── state ──
    const devices: SimDevice[] = students.flatMap((student) => {
      const specs = devicesFor(student.studentNo, seed);
      // The demo student's laptop (else phone) and a heavy streamer's first device never go offline on their own.
      const pinnedIndex = student.demo
        ? Math.max(
            0,
            specs.findIndex((x) => x.kind === "laptop"),
          )
        : student.heavy
          ? 0
          : -1;
      return specs.map((spec, i) => ({ student, spec, pinned: i === pinnedIndex, session: null, busy: false, nextAttemptAt: 0 }));
    });
    const bySessionId = new Map<string, SimDevice>();
    const zeroStats = (): SimulatorStats => ({
      online: 0,
      studentsOnline: 0,
      starts: 0,
      interims: 0,
      stops: 0,
      authAccepted: 0,
      authRejected: 0,
      coa: 0,
      disconnects: 0,
      throttled: [],
      bytes: 0,
      errors: 0,
    });
    const stats = zeroStats();
    // the counts since the last summary line
    let win = zeroStats();
    let inFlight = 0;
    let lastSuccessAt = Date.now();
    let stopped = false;
    let resolveDone!: (reason: string) => void;
    const done = new Promise<string>((r) => (resolveDone = r));
    const realStart = nowMs(); // the simulated day follows the app's clock (CAMPUSNET_NOW)
    const passwordKey = `campusnet-simulator:${nasSecret}`;

    const call = async <T>(fn: () => Promise<T>): Promise<T> => {
      inFlight++;
      try {
        const r = await fn();
        lastSuccessAt = Date.now();
        return r;
      } catch (e) {
        if (!(e instanceof Unreachable)) lastSuccessAt = Date.now(); // the app answered, with an error
        stats.errors++;
        win.errors++;
        throw e;
      } finally {
        inFlight--;
      }
    };

    const ensureCredentials = async (s: SimStudent): Promise<void> => {
      if (s.creds === "ok" || s.creds === "own" || s.creds === "checking") return;
      s.creds = "checking";
      try {
        const password = simulatorPassword(s.studentNo, passwordKey);
        let row = (await pool.query(`SELECT "passwordHash" FROM "network_credentials" WHERE "userId" = $1`, [s.userId])).rows[0] as
          { passwordHash: string } | undefined;
        if (!row) {
          // The student's phone "remembers" a network password, as students' phones do.
          const hash = await hashNetworkPassword(password);
          await pool.query(
            `INSERT INTO "network_credentials" ("userId", "passwordHash", "failedAttempts", "updatedAt") VALUES ($1, $2, 0, now()) ON CONFLICT ("userId") DO NOTHING`,
            [s.userId, hash],
          );
          row = (await pool.query(`SELECT "passwordHash" FROM "network_credentials" WHERE "userId" = $1`, [s.userId])).rows[0];
        }
        // A password the student set themselves is theirs: never guessed, never overwritten.
        s.creds = row && (await verifyNetworkPassword(password, row.passwordHash)) ? "ok" : "own";
      } catch {
        s.creds = "unknown";
      }
    };

    /**
     * The demo student who set their own network password (say, while demonstrating the
     * password page) stays online through a device they registered for MAC sign-in, if any.
     */
    const macSignIn = async (s: SimStudent): Promise<SignIn | null> => {
      const row = (await pool.query(`SELECT "mac" FROM "devices" WHERE "userId" = $1 AND "macAuth" AND NOT "blocked" ORDER BY "createdAt" LIMIT 1`, [s.userId]))
        .rows[0] as { mac: string } | undefined;
      if (!row) return null;
      const name = row.mac.replace(/:/g, "").toLowerCase();
      return { user: name, password: name, mac: row.mac };
    };

    const startSession = async (d: SimDevice, now: number) => {
      const s = d.student;
      await ensureCredentials(s);
      let signIn: SignIn | null = s.creds === "ok" ? { user: s.studentNo, password: simulatorPassword(s.studentNo, passwordKey), mac: d.spec.mac } : null;
      if (!signIn && s.creds === "own" && s.demo && d.pinned) signIn = await macSignIn(s);
      if (!signIn) {
        d.nextAttemptAt = s.creds === "own" ? (s.demo && d.pinned ? now + 60_000 : Number.POSITIVE_INFINITY) : now + 30_000;
        return;
      }
      const via = signIn;
      const answer = await call(() =>
        transport.authorize({
          "User-Name": via.user,
          "User-Password": via.password,
          "Calling-Station-Id": via.mac.replace(/:/g, "-"),
          "NAS-IP-Address": nasIp,
          "NAS-Port-Type": "Wireless-802.11",
          "Called-Station-Id": "AC-CAMPUS-WLAN:CAMPUS",
        }),
      );
      if (!answer.accept) {
        stats.authRejected++;
        win.authRejected++;
        // Paused, blocked, locked or a password the student changed: try again much later.
        const text = String((answer.attrs["Reply-Message"] as unknown[] | undefined)?.[1] ?? answer.attrs["Reply-Message"] ?? "");
        if (/password/i.test(text) && !/locked/i.test(text)) s.creds = "unknown";
        d.nextAttemptAt = now + (d.student.demo ? 20_000 : 120_000 + rand() * 600_000);
        return;
      }
      stats.authAccepted++;
      win.authAccepted++;
      const downBps = downBpsFromAttributes(answer.attrs) ?? highDownKbps * 1024;
      const acctSessionId = `${runId}${(++sessionCounter).toString(16).padStart(6, "0")}`.toUpperCase();
      const session: SimSession = {
        user: via.user,
        mac: via.mac,
        acctSessionId,
        uniqueId: `sim-${nasIp}-${acctSessionId}`,
        startedAt: now,
        input: 0n,
        output: 0n,
        carry: 0,
        downBps,
        throttled: downBps < highDownKbps * 1024,
        started: false,
        nextInterimAt: now + interimMs * (0.6 + rand() * 0.8),
        stopCause: null,
        stopping: false,
        stopTries: 0,
        pinned: d.pinned,
      };
      d.session = session;
      bySessionId.set(acctSessionId, d);
      await sendStart(d, session);
    };

    const sessionAttrs = (d: SimDevice, s: SimSession, status: "Start" | "Interim-Update" | "Stop", cause?: string) =>
      accountingAttributes({
        status,
        nasIp,
        user: s.user,
        sessionId: s.acctSessionId,
        uniqueId: s.uniqueId,
        mac: s.mac,
        ip: d.spec.ip,
        input: s.input,
        output: s.output,
        sessionTime: Math.floor((Date.now() - s.startedAt) / 1000),
        at: now(),
        cause,
      });

    const sendStart = async (d: SimDevice, s: SimSession) => {
      await call(() => transport.accounting(sessionAttrs(d, s, "Start")));
      s.started = true;
      stats.starts++;
      win.starts++;
    };

    const sendStop = async (d: SimDevice, s: SimSession, cause: string) => {
      try {
        await call(() => transport.accounting(sessionAttrs(d, s, "Stop", cause)));
      } catch (e) {
        // The NAS retries a Stop; after a few tries a real one gives up too.
        if (++s.stopTries < 4 && !stopped) return;
        if (!(e instanceof Unreachable)) throw e;
      }
      if (d.session === s) d.session = null;
      bySessionId.delete(s.acctSessionId);
      stats.stops++;
      win.stops++;
    };

    const sendInterim = async (d: SimDevice, s: SimSession, now: number) => {
      if (!s.started) return sendStart(d, s);
      await call(() => transport.accounting(sessionAttrs(d, s, "Interim-Update")));
      s.nextInterimAt = now + interimMs * (0.8 + rand() * 0.4);
      stats.interims++;
      win.interims++;
    };

    const run = (d: SimDevice, job: () => Promise<void>) => {
      d.busy = true;
      job()
        .catch(() => {})
        .finally(() => (d.busy = false));
    };

    // ── CoA / Disconnect from the app ──
    socket.on("message", (msg, rinfo) => {
      let packet: ReturnType<typeof radius.decode>;
      try {
        packet = radius.decode({ packet: msg, secret: nasSecret });
      } catch {
        return; // wrong secret or garbage: a NAS drops it silently
      }
      const isCoa = packet.code === "CoA-Request";
      if (!isCoa && packet.code !== "Disconnect-Request") return;
      const d = bySessionId.get(String(packet.attributes["Acct-Session-Id"] ?? ""));
      const s = d?.session;
      const base = isCoa ? "CoA" : "Disconnect";
      // A session whose Stop is already on its way is ending: like a real NAS, answer NAK
      // (Session-Context-Not-Found) rather than ACK a Disconnect whose Stop would carry another cause.
      const known = !!(d && s && !s.stopping && s.user === String(packet.attributes["User-Name"] ?? s.user));
      const reply = radius.encode_response({
        packet,
        code: `${base}-${known ? "ACK" : "NAK"}`,
        secret: nasSecret,
        attributes: known ? [] : [["Error-Cause", 503]],
      });
      socket.send(reply, rinfo.port, rinfo.address);
      if (!known || !d || !s) return;
      if (isCoa) {
        stats.coa++;
        win.coa++;
        const vs = packet.attributes["Vendor-Specific"];
        const vendor = (Array.isArray(vs) ? Object.assign({}, ...vs) : (vs ?? {})) as Record<string, unknown>;
        const downBps = downBpsFromAttributes(vendor);
        if (downBps) {
          const wasThrottled = s.throttled;
          s.downBps = downBps;
          s.throttled = downBps < highDownKbps * 1024;
          if (s.throttled && !wasThrottled) {
            stats.throttled.push(d.student.studentNo);
            win.throttled.push(d.student.studentNo);
          }
        }
      } else {
        stats.disconnects++;
        win.disconnects++;
        s.stopCause = "Admin-Reset";
        // Back online later, like a student reconnecting (the demo student soon, to keep the demo alive).
        d.nextAttemptAt = Date.now() + (d.student.demo ? 20_000 : 60_000 + rand() * 240_000);
      }
    });

    // ── the tick ──
    let lastTick = Date.now();
    const tick = () => {
      if (stopped) return;
      const now = Date.now();
      const dt = Math.min(5, (now - lastTick) / 1000);
      lastTick = now;
      if (now - lastSuccessAt > appGoneMs) {
        void stop(`the app at ${o.appUrl} has not answered for ${Math.round(appGoneMs / 1000)} s`);
        return;
      }
      const sim = simulatedTime(realStart, nowMs(), speedup);
      const { hour, weekday } = shanghaiClock(sim);
      const share = onlineShare(hour, weekday);
      for (const d of devices) {
        const s = d.session;
        if (s) {
          // Traffic accrues every tick; the counters go out with the next Interim-Update.
          let bps =
            s.pinned && d.student.demo
              ? demoBps
              : s.pinned && d.student.heavy && !s.throttled
                ? heavyBps
                : demandBytesPerSecond({ dailyGiB: d.student.dailyGiB, kind: d.spec.kind, hour, speedup, noise: 0.5 + rand() });
          if (s.throttled) bps = Math.min(bps * 0.4, rateCapBytesPerSecond(s.downBps / 1024 || throttledDownKbps, speedup));
          const total = bps * dt + s.carry;
          const whole = Math.floor(total);
          s.carry = total - whole;
          const up = Math.floor(whole * uploadShare(d.spec.kind));
          s.input += BigInt(up);
          s.output += BigInt(whole - up);
          stats.bytes += whole;
          win.bytes += whole;
          if (d.busy || inFlight >= maxInFlight) continue;
          if (s.stopCause) {
            const cause = s.stopCause;
            s.stopping = true;
            run(d, () => sendStop(d, s, cause));
          } else if (!s.pinned && rand() < stopProbability(tickMs, sessionMinutes[d.spec.kind] * 60_000)) {
            s.stopCause = pickTerminateCause(rand());
            d.nextAttemptAt = now + 20_000 + rand() * 60_000;
          } else if (now >= s.nextInterimAt || !s.started) {
            run(d, () => sendInterim(d, s, now));
          }
        } else if (!d.busy && now >= d.nextAttemptAt && inFlight < maxInFlight) {
          const pinned = d.pinned;
          const p = startProbability(share, stopProbability(tickMs, sessionMinutes[d.spec.kind] * 60_000));
          if (pinned || rand() < p) run(d, () => startSession(d, now));
        }
      }
    };
    const timer = setInterval(tick, tickMs);

    const summary = () => {
      const online = devices.filter((d) => d.session).length;
      const studentsOnline = new Set(devices.filter((d) => d.session).map((d) => d.student.studentNo)).size;
      const simHour = shanghaiClock(simulatedTime(realStart, nowMs(), speedup)).hour;
      const hh = String(Math.floor(simHour)).padStart(2, "0");
      const mm = String(Math.floor((simHour % 1) * 60)).padStart(2, "0");
      const demoStudent = students.find((x) => x.demo);
      const demo = demoStudent ? devices.some((d) => d.student === demoStudent && d.session) : null;
      const demoNote = demoStudent?.creds === "own" && !demo ? " (own network password, no MAC-sign-in device)" : "";
      const w = win;
      log(
        `campus time ${hh}:${mm} · ${online} sessions online (${studentsOnline} students) · ${w.starts} starts, ${w.interims} interims, ${w.stops} stops · ${humanBytes(w.bytes)} moved · ` +
          `authorize ${w.authAccepted} ok / ${w.authRejected} refused · CoA ${w.coa}${w.throttled.length ? ` (throttled: ${w.throttled.slice(0, 4).join(", ")}${w.throttled.length > 4 ? " …" : ""})` : ""} · disconnect ${w.disconnects}` +
          `${w.errors ? ` · ${w.errors} errors` : ""}${demo === null ? "" : ` · ${demoStudentNo} ${demo ? "online" : `offline${demoNote}`}`}`,
      );
      win = zeroStats();
    };
    const logTimer = setInterval(summary, o.logEveryMs ?? 60_000);

    const heavy = students.filter((s) => s.heavy).map((s) => s.studentNo);
    log(
      `${students.length} students, ${devices.length} devices → ${o.via === "freeradius" ? "FreeRADIUS → " : ""}${o.appUrl} · NAS ${nasIp}, CoA on udp/${coaPort} · ${speedup}× time, interim every ${Math.round(interimMs / 1000)} s` +
        `${demoStudentNo && students.some((s) => s.demo) ? ` · ${demoStudentNo} kept online` : ""}${heavy.length ? ` · streaming hard: ${heavy.join(", ")}` : ""}`,
    );
    tick();

    const stop = async (reason = "stopped"): Promise<string> => {
      if (stopped) return done;
      stopped = true;
      clearInterval(timer);
      clearInterval(logTimer);
      const until = Date.now() + 3000;
      while (devices.some((d) => d.busy) && Date.now() < until) await sleep(50);
      const reachable = Date.now() - lastSuccessAt < appGoneMs;
      if (reachable) {
        // Like a NAS shutting down cleanly: a Stop per session with its final counters, then Accounting-Off.
        const open = devices.filter((d) => d.session);
        const end = Date.now() + 5000;
        for (let i = 0; i < open.length && Date.now() < end; i += 16) {
          await Promise.all(open.slice(i, i + 16).map((d) => (d.session ? sendStop(d, d.session, "NAS-Reboot").catch(() => {}) : undefined)));
        }
        await transport.accounting(accountingAttributes({ status: "Accounting-Off", nasIp, at: now() })).catch(() => {});
      }
      await cleanup();
      log(`stopped: ${reason} (${stats.starts} sessions started, ${humanBytes(stats.bytes)} moved, ${stats.coa} CoA, ${stats.disconnects} disconnects)`);
      resolveDone(reason);
      return reason;
    };

    return {
      coaPort,
      nasIp,
      stats: () => ({
        ...stats,
        throttled: [...stats.throttled],
        online: devices.filter((d) => d.session).length,
        studentsOnline: new Set(devices.filter((d) => d.session).map((d) => d.student.studentNo)).size,
      }),
      done,
      stop,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

async function pickStudents(
  pool: pg.Pool,
  o: { count: number; studentNos?: string[]; demoStudentNo: string | null; heavy: number; heavyStudentNos?: string[]; seed: number; freeMonthlyBytes: bigint },
): Promise<SimStudent[]> {
  const at = now();
  const month = monthKey(at);
  const rows = (
    await pool.query(
      `SELECT u."id", u."studentNo",
              COALESCE(q."freeBytes" - q."freeUsedBytes", $2::bigint) AS "freeLeft",
              COALESCE(CASE WHEN h."expiresAt" > $3::timestamptz THEN h."quotaBytes" - h."usedBytes" END, 0) AS "packageLeft"
       FROM "users" u
       LEFT JOIN "monthly_quotas" q ON q."userId" = u."id" AND q."month" = $1
       LEFT JOIN "package_holdings" h ON h."userId" = u."id" AND h."state" = 'ACTIVE'
       WHERE u."role" = 'STUDENT' AND u."status" = 'ACTIVE' ${o.studentNos ? `AND u."studentNo" = ANY($4::text[])` : ""}
       ORDER BY u."studentNo"`,
      o.studentNos ? [month, o.freeMonthlyBytes.toString(), at, o.studentNos] : [month, o.freeMonthlyBytes.toString(), at],
    )
  ).rows as { id: string; studentNo: string; freeLeft: string; packageLeft: string }[];
  const left = (r: (typeof rows)[number]) => BigInt(r.freeLeft) + BigInt(r.packageLeft);
  const make = (r: (typeof rows)[number], flags: { demo?: boolean; heavy?: boolean } = {}): SimStudent => ({
    userId: r.id,
    studentNo: r.studentNo,
    dailyGiB: dailyGiB(r.studentNo, o.seed),
    demo: !!flags.demo,
    heavy: !!flags.heavy,
    creds: "unknown",
  });
  const chosen = new Map<string, SimStudent>();
  const demoRow = o.demoStudentNo ? rows.find((r) => r.studentNo === o.demoStudentNo) : undefined;
  if (demoRow) chosen.set(demoRow.studentNo, make(demoRow, { demo: true }));
  // Someone gets throttled during the demo: those closest to running out stream hard.
  const heavyRows = o.heavyStudentNos
    ? rows.filter((r) => o.heavyStudentNos!.includes(r.studentNo))
    : rows
        .filter((r) => left(r) > 0n && !chosen.has(r.studentNo) && !r.studentNo.startsWith("2023010"))
        .sort((a, b) => (left(a) < left(b) ? -1 : left(a) > left(b) ? 1 : 0))
        .slice(0, o.heavy);
  for (const r of heavyRows) chosen.set(r.studentNo, make(r, { heavy: true }));
  if (o.studentNos) {
    for (const r of rows) if (!chosen.has(r.studentNo)) chosen.set(r.studentNo, make(r));
    return [...chosen.values()];
  }
  const throttledDemo = rows.find((r) => r.studentNo === "2023010002");
  if (throttledDemo && !chosen.has(throttledDemo.studentNo)) chosen.set(throttledDemo.studentNo, make(throttledDemo));
  const rest = rows.filter((r) => !chosen.has(r.studentNo) && !DEMO_ACCOUNTS_NOT_SIMULATED.has(r.studentNo) && !r.studentNo.startsWith("2023010"));
  const rand = mulberry32(o.seed * 7919);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  for (const r of rest) {
    if (chosen.size >= o.count) break;
    chosen.set(r.studentNo, make(r));
  }
  return [...chosen.values()];
}

/** A UDP socket on the NAS address for CoA; if the port is taken, any free one (the NAS row says which). */
async function bindCoa(host: string, port: number): Promise<dgram.Socket> {
  const attempt = (p: number) =>
    new Promise<dgram.Socket | null>((resolve) => {
      const socket = dgram.createSocket("udp4");
      socket.once("error", () => {
        socket.close();
        resolve(null);
      });
      socket.bind(p, host, () => {
        socket.removeAllListeners("error");
        socket.on("error", (e) => console.warn(`[simulate] CoA socket: ${e.message}`));
        resolve(socket);
      });
    });
  const socket = (port !== 0 ? await attempt(port) : null) ?? (await attempt(0));
  if (!socket) throw new Error(`cannot bind a UDP port on ${host}`);
  return socket;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── CLI ────────────────────────────────────────────────────────────────────────────────────
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const { env, radiusSharedSecret } = await import("../lib/env");
  const num = (v: string | undefined, d: number) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : d);
  const secret = radiusSharedSecret();
  if (!secret) {
    console.error("[simulate] RADIUS_SHARED_SECRET is not set (production): the app refuses every RADIUS call");
    process.exit(1);
  }
  const databaseUrl = process.env.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/campusnet`;
  let sim: RunningSimulator;
  try {
    sim = await startSimulator({
      appUrl: process.env.SIMULATE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
      databaseUrl,
      students: num(process.env.SIMULATE_STUDENTS, 300),
      speedup: num(process.env.SIMULATE_SPEEDUP, 60),
      interimMs: num(process.env.SIMULATE_INTERIM_MS, 10_000),
      heavy: num(process.env.SIMULATE_HEAVY, 2),
      demoStudentNo: process.env.SIMULATE_DEMO_STUDENT === undefined ? "2023010001" : process.env.SIMULATE_DEMO_STUDENT || null,
      nasIp: process.env.SIMULATE_NAS_IP ?? "127.0.0.1",
      coaPort: num(process.env.SIMULATE_COA_PORT, 3799),
      via: process.env.SIMULATE_VIA === "freeradius" ? "freeradius" : "http",
      seed: num(process.env.SIMULATE_SEED, 1),
      radiusSecret: secret,
      secretHeader: env.RADIUS_SECRET_HEADER,
    });
  } catch (e) {
    console.error(`[simulate] ${(e as Error).message}`);
    process.exit(1);
  }
  // Ctrl-C reaches both `npm run dev` and this child: every signal lands in the same (idempotent) stop.
  const onSignal = () => void sim.stop("signal");
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const reason = await sim.done;
  process.exit(reason.startsWith("the app") ? 2 : 0);
}
