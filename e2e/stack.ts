// The whole app stack for end-to-end tests: a throwaway embedded PostgreSQL (migrated and
// seeded with a small demo campus), the development IdP and the production server (Next's
// standalone `.next/standalone/server.js`, as `npm start` and the Docker image run it), each
// on a free port. Started by global-setup.ts, stopped by the teardown it returns; global-teardown.ts
// (and the next setup) reap whatever a crashed run left behind, using the state file.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, closeSync } from "node:fs";
import path from "node:path";
import { freePort, makeTempDir, startEmbeddedPostgres } from "../dev/embedded-pg";
import { applyMigrations } from "../dev/migrate";
import { seedDemoCampus } from "../dev/demo-campus";
import { alive } from "../dev/process-alive";
import { clockEnvironment, now, resetClock } from "../lib/clock";
import { monthKey, monthStart, shanghaiDateTime } from "../lib/time";
import { startIdp } from "../dev/idp/server";
import { completeStandalone, standaloneServer } from "../dev/standalone";
import { CLOCK_PRODUCTION_ACK, SANDBOX_PRODUCTION_ACK } from "../lib/env";
import { APP_LOG, AUTH_DIR, BUILD_LOG, E2E_DIR, ROOT_DIR, STATE_DIR, STATE_FILE } from "./paths";

export const OIDC_CLIENT_ID = "campusnet-e2e";
export const OIDC_CLIENT_SECRET = "campusnet-e2e-client-secret";
/** Any 32 characters: sessions only have to outlive one test run. */
export const NEXTAUTH_SECRET = "campusnet-e2e-secret-0123456789abcdef";

/** The e2e stack's VAPID pair (web-push generateVAPIDKeys), for tests only. */
export const E2E_VAPID = {
  publicKey: "BK5kO119YkY2il1Rs8LMvBLgEH1GfgQz40tNjVWkAyuDnGeIkL0X7NwRPIYH5P07Xo3nJpH5dELocNzRxXx6UD8",
  privateKey: "dKJ-8OWfKLvVzJ0pm_jHe0Z78WycOP8NYxu394TqBrw",
} as const;

export interface StackState {
  appUrl: string;
  idpUrl: string;
  databaseUrl: string;
  /** pid of e2e/guard.mjs running the standalone server: the leader of the app's process group */
  appPgid: number | null;
  tmpDir: string;
  pgDataDir: string;
  /** the clock's instant when the demo campus was seeded (specs that must know the seed's month) */
  seededAt?: string;
}

export interface RunningStack {
  state: StackState;
  stop(): Promise<void>;
}

const log = (m: string) => console.log(`[e2e] ${m}`);

export function readStackState(): StackState | null {
  if (!existsSync(STATE_FILE)) return null;
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as StackState;
}

function writeStackState(state: StackState) {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(`${STATE_FILE}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${STATE_FILE}.tmp`, STATE_FILE);
}

/** The environment the production server needs: production's own settings (lib/env.ts refuses to start without them), with test secrets. */
export function appEnv(s: Pick<StackState, "appUrl" | "idpUrl" | "databaseUrl">): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    CAMPUSNET_MODE: "production",
    RADIUS_SHARED_SECRET: "campusnet-e2e-radius-secret",
    PAYMENTS_CRON_SECRET: "campusnet-e2e-cron-secret",
    RADIUS_SWEEP_SECRET: "campusnet-e2e-sweep-secret",
    // Web Push (decision 023): a pair made for the e2e stack only; e2e/push.spec.ts's test push service checks it.
    VAPID_PUBLIC_KEY: E2E_VAPID.publicKey,
    VAPID_PRIVATE_KEY: E2E_VAPID.privateKey,
    VAPID_SUBJECT: "mailto:netcenter@example.edu",
    PUSH_SERVICE_HOSTS: "127.0.0.1",
    // The sandbox under production must be acknowledged (it credits money nobody paid).
    SANDBOX_GATEWAY_IN_PRODUCTION: SANDBOX_PRODUCTION_ACK,
    DATABASE_URL: s.databaseUrl,
    NEXTAUTH_URL: s.appUrl,
    NEXTAUTH_SECRET,
    OIDC_ISSUER: s.idpUrl,
    OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
    // The embedded sandbox gateway (off by default in production). Its notification
    // comes 2.5 s after "pay", so the order page's "processing" state can be seen before "credited".
    SANDBOX_GATEWAY: "on",
    SANDBOX_NOTIFY_DELAY_MS: "2500",
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM a process group, SIGKILL it if anything is left after `graceMs`. */
export async function killGroup(pgid: number, graceMs = 5000): Promise<void> {
  if (!alive(pgid, true)) return;
  try {
    process.kill(-pgid, "SIGTERM");
  } catch {}
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!alive(pgid, true)) return;
    await sleep(100);
  }
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {}
  for (let i = 0; i < 40 && alive(pgid, true); i++) await sleep(50);
}

/** Whether `pid` still runs what we started: pids are reused, never signal a stranger. */
function runs(pid: number, what: string): boolean {
  if (!alive(pid)) return false;
  if (!existsSync("/proc/self/cmdline")) return true; // no procfs: trust the pid
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(what);
  } catch {
    return false;
  }
}

/** Stops a postmaster we no longer hold a handle to (a run that crashed or was killed). */
async function stopOrphanPostgres(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !runs(pid, "postgres")) return;
  try {
    process.kill(pid, "SIGINT"); // fast shutdown
  } catch {}
  const deadline = Date.now() + 10_000;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) process.kill(pid, "SIGKILL");
}

/** Removes whatever the state file says is still running. The IdP died with its process. */
export async function reapStack(state: StackState | null = readStackState()): Promise<void> {
  if (!state) return;
  if (state.appPgid && runs(state.appPgid, "guard.mjs")) await killGroup(state.appPgid);
  await stopOrphanPostgres(state.pgDataDir);
  rmSync(state.tmpDir, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return "";
  return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}

/**
 * Spawns a command under e2e/guard.mjs: in its own process group (killing the `next start`
 * wrapper alone leaves next-server running, ../shared/TOOLCHAIN.md trap 12), and stopped together with
 * PostgreSQL if this runner dies without its teardown.
 */
function spawnGuarded(cmd: string, args: string[], env: NodeJS.ProcessEnv, logFile: string, state: StackState): ChildProcess {
  const fd = openSync(logFile, "w");
  const guard = [path.join(E2E_DIR, "guard.mjs"), String(process.pid), "--pg-data", state.pgDataDir, "--rm", state.tmpDir, "--", cmd, ...args];
  const child = spawn(process.execPath, guard, { cwd: ROOT_DIR, env, stdio: ["ignore", fd, fd], detached: true });
  closeSync(fd);
  return child;
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise<number>((res) => {
    child.on("error", () => res(127));
    child.on("exit", (code, signal) => res(code ?? (signal ? 128 : 1)));
  });
}

/** Waits until `url` answers (any status), failing early if `child` exits; errors quote the end of `logFile`. */
export async function waitForApp(url: string, child: ChildProcess, timeoutMs: number, logFile: string = APP_LOG): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once("exit", (code) => (exited = code ?? 1));
  for (;;) {
    if (exited !== null) throw new Error(`the server exited with code ${exited} before answering; last lines of ${logFile}:\n${tail(logFile, 40)}`);
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return res.status;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s; last lines of ${logFile}:\n${tail(logFile, 40)}`);
    await sleep(200);
  }
}

/**
 * The stack's clock (lib/clock.ts: time is an input). E2E_NOW (an ISO instant) starts it there; on CI
 * without E2E_NOW it starts at 00:30 Shanghai on the 1st of the current Shanghai month, so every
 * CI run is a run in a month's first hour. This process (the seed), the server and the test
 * workers then share one running clock (CAMPUSNET_NOW + CAMPUSNET_NOW_SINCE, lib/clock.ts).
 */
export function setStackClock(): string | null {
  const wanted =
    process.env.E2E_NOW?.trim() ||
    process.env.CAMPUSNET_NOW?.trim() ||
    (process.env.CI ? new Date(monthStart(monthKey(now())).getTime() + 30 * 60_000).toISOString() : "");
  if (!wanted) return null;
  process.env.CAMPUSNET_NOW = wanted;
  delete process.env.CAMPUSNET_NOW_SINCE;
  resetClock();
  Object.assign(process.env, clockEnvironment());
  const shanghai = shanghaiDateTime(now());
  log(
    `clock: ${shanghai} Asia/Shanghai (${now().toISOString()})${process.env.E2E_NOW ? " from E2E_NOW" : process.env.CI ? ", a month's first hour (CI)" : ""}`,
  );
  return wanted;
}

export async function startStack(opts: { students?: number; reuseBuild?: boolean } = {}): Promise<RunningStack> {
  await reapStack(); // leftovers of a run that was killed
  const clockSet = setStackClock();
  rmSync(AUTH_DIR, { recursive: true, force: true }); // saved logins hold user ids of the old database
  mkdirSync(STATE_DIR, { recursive: true });

  const timings: string[] = [];
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const r = await fn();
    timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return r;
  };

  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error("[e2e] teardown:", e));
    cleanups.length = 0;
    rmSync(STATE_FILE, { force: true });
  };

  // Not under /root: initdb runs as the `postgres` OS user when we are root (../shared/TOOLCHAIN.md trap 3).
  const tmpDir = makeTempDir("campusnet-e2e-");
  const pgDataDir = path.join(tmpDir, "pg");
  cleanups.push(async () => rmSync(tmpDir, { recursive: true, force: true }));
  const state: StackState = { appUrl: "", idpUrl: "", databaseUrl: "", appPgid: null, tmpDir, pgDataDir };
  writeStackState(state);

  try {
    const pg = await step("postgres", async () => startEmbeddedPostgres({ dataDir: pgDataDir, port: await freePort(), persistent: false, quiet: true }));
    cleanups.push(() => pg.stop());
    state.databaseUrl = pg.url;
    writeStackState(state);

    await step("migrate", () => applyMigrations(pg.url));
    state.seededAt = now().toISOString();
    await step("seed", () => seedDemoCampus(pg.url, { students: opts.students ?? 50, now: new Date(state.seededAt!) }));

    const appPort = await freePort();
    state.appUrl = `http://localhost:${appPort}`;
    const idp = await step("idp", () =>
      startIdp({
        port: 0,
        quiet: true,
        clients: [
          {
            clientId: OIDC_CLIENT_ID,
            clientSecret: OIDC_CLIENT_SECRET,
            clientName: "campusnet (e2e)",
            redirectUris: [`${state.appUrl}/api/auth/callback/campus`],
            postLogoutRedirectUris: [`${state.appUrl}/`],
          },
        ],
      }),
    );
    cleanups.push(() => idp.close());
    state.idpUrl = idp.issuer;
    writeStackState(state);

    // Production refuses a set clock unless acknowledged (lib/env): the e2e stack tests production on any date.
    const env: NodeJS.ProcessEnv = { ...appEnv(state), ...(clockSet ? { ...clockEnvironment(), CAMPUSNET_NOW_IN_PRODUCTION: CLOCK_PRODUCTION_ACK } : {}) };
    const next = path.join(ROOT_DIR, "node_modules", ".bin", "next");
    if (opts.reuseBuild && existsSync(path.join(ROOT_DIR, ".next", "BUILD_ID")) && existsSync(standaloneServer())) {
      timings.push("build skipped (E2E_REUSE_BUILD=1)");
    } else {
      // No DATABASE_URL at build time: every page must be dynamic, none may query at build.
      const buildEnv = { ...env };
      delete buildEnv.DATABASE_URL;
      const code = await step("build", () => exitCode(spawnGuarded(next, ["build"], buildEnv, BUILD_LOG, state)));
      if (code !== 0) throw new Error(`next build failed (exit ${code}); last lines of ${BUILD_LOG}:\n${tail(BUILD_LOG, 60)}`);
    }
    completeStandalone(); // static files and public/ beside server.js, as `npm run build` leaves them

    const status = await step("start", async () => {
      // Not `next start` (it warns with standalone output): the server the Docker image runs.
      const child = spawnGuarded(process.execPath, [standaloneServer()], { ...env, PORT: String(appPort), HOSTNAME: "0.0.0.0" }, APP_LOG, state);
      const pgid = child.pid!;
      cleanups.push(() => killGroup(pgid));
      state.appPgid = pgid;
      writeStackState(state);
      return waitForApp(`${state.appUrl}/signin`, child, 60_000);
    });
    if (status !== 200) log(`warning: GET /signin answered ${status}`);
    log(`${timings.join(", ")} — app ${state.appUrl}, IdP ${state.idpUrl} (server log: ${path.relative(ROOT_DIR, APP_LOG)})`);
    return { state, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
