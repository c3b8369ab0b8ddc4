// `npm run bench:admin`: how long the network office's console takes on the server at 2,000 and at
// 50,000 students (issue 12 item 8: every admin page < 200 ms, every CSV export streams).
//
// For each size it starts the e2e stack (e2e/stack.ts: embedded PostgreSQL seeded with the demo
// campus, `SEED_STUDENTS` students × six months, the dev IdP and the production standalone server,
// the path a campus deploys), signs in as the demo admin through the real login once, then asks
// for every page under app/admin (found in the tree; a [param] is filled from the database, or
// the page is listed as skipped) and every CSV export over loopback with the session cookie:
// one warm-up, then --runs timed requests, reading the whole streamed answer. It prints, per page,
// the median and the slowest full response (the HTML of a server-rendered page is the server's
// time plus a loopback hop), and per export the time to the first byte, the whole time, the bytes
// and whether the answer was chunked (streamed, no Content-Length).
//
//   npm run bench:admin -- [--students 2000,50000] [--runs 5] [--reuse-build] [--json out.json]
//
// Figures are printed, never asserted. It holds the e2e and bench locks (it uses the e2e stack's
// state files and .next); run it alone, and read the load average printed with the figures.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROME = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const LOCKS = ["/tmp/campusnet-e2e.lock", "/tmp/campusnet-bench.lock"];
const TARGET_MS = 200;

const argv = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : def;
};
const SIZES = opt("students", "2000,50000")
  .split(",")
  .map((s) => Number(s))
  .filter((n) => Number.isInteger(n) && n > 0);
const RUNS = Math.max(1, Number(opt("runs", "5")) || 5);
const REUSE = argv.includes("--reuse-build");
const JSON_OUT = opt("json", "");
const log = (m: string) => console.error(`[bench:admin] ${m}`);

function relaunchUnderLocks(): never {
  const self = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...argv];
  // flock A flock B node … : each flock holds its lock for the whole child.
  const cmd = LOCKS.flatMap((l) => ["flock", l]).concat(self);
  log(`waiting for ${LOCKS.join(" and ")} …`);
  const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: "inherit", env: { ...process.env, BENCH_ADMIN_LOCKED: "1" } });
  process.exit(r.status ?? 1);
}

/** Every page under app/admin as a route pattern ("/admin/users/[studentNo]"). */
function adminPages(dir = path.join(ROOT, "app", "admin"), route = "/admin"): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...adminPages(full, name.startsWith("(") ? route : `${route}/${name}`));
    else if (name === "page.tsx") out.push(route);
  }
  return out.sort();
}

/** A real value for each dynamic segment, read from the seeded database (null: none to open). */
const PARAMS: Record<string, string> = {
  "[studentNo]": `SELECT "studentNo" FROM "users" WHERE "studentNo" = '2023010001'`,
  "[orderNo]": `SELECT "orderNo" FROM "recharge_orders" WHERE "channel" = 'COUNTER' AND "state" = 'CREDITED' ORDER BY "createdAt" DESC LIMIT 1`,
  "[runId]": `SELECT "id"::text FROM "reconciliation_runs" ORDER BY "createdAt" DESC LIMIT 1`,
  "[kind]": `SELECT 'quota'`,
};

async function fillRoute(db: pg.Client, route: string): Promise<string | null> {
  let url = route;
  for (const seg of route.match(/\[[^\]]+\]/g) ?? []) {
    const sql = PARAMS[seg];
    if (!sql) return null;
    const r = await db.query<Record<string, string>>(sql).catch(() => ({ rows: [] as Record<string, string>[] }));
    const v = r.rows[0] ? Object.values(r.rows[0])[0] : undefined;
    if (!v) return null;
    url = url.replace(seg, encodeURIComponent(v));
  }
  return url;
}

/** The CSV exports a campus's office uses (streamed route handlers), with the query each needs. */
function exportsFor(today: string): string[] {
  return [
    "/api/admin/audit/export",
    `/api/admin/audit/export?action=staff.`,
    `/api/finance/ledger?day=${today}`,
    ...["traffic-daily", "traffic-hourly", "recharges", "package-sales", "top-users", "nas"].map((t) => `/api/admin/dashboard/export?table=${t}&days=180`),
  ];
}

/** The JSON the overview's charts refresh from (TanStack Query), timed like a page. */
const DATA_ROUTES = ["/api/admin/dashboard?days=30", "/api/admin/dashboard?days=180", "/api/admin/dashboard/top-users"];

interface Timing {
  url: string;
  status: number;
  medianMs: number;
  maxMs: number;
  ttfbMs: number;
  bytes: number;
  chunked: boolean;
}

async function timeGet(
  url: string,
  cookie: string,
): Promise<{ status: number; ms: number; ttfbMs: number; bytes: number; chunked: boolean; location: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie, "accept-language": "zh-CN" }, redirect: "manual" });
  const ttfbMs = performance.now() - t0;
  let bytes = 0;
  if (res.body) for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return {
    status: res.status,
    ms: performance.now() - t0,
    ttfbMs,
    bytes,
    chunked: !res.headers.get("content-length"),
    location: res.headers.get("location") ?? "",
  };
}

async function measure(url: string, cookie: string): Promise<Timing> {
  const first = await timeGet(url, cookie); // warm-up (compiles nothing in production, fills caches)
  const runs = [] as Awaited<ReturnType<typeof timeGet>>[];
  for (let i = 0; i < RUNS; i++) runs.push(await timeGet(url, cookie));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const last = runs.at(-1) ?? first;
  if (last.status >= 300 && last.status < 400 && last.location.includes("/signin")) throw new Error(`${url}: sent to sign in — the cookie did not sign in`);
  return {
    url: new URL(url).pathname + new URL(url).search,
    status: last.status,
    medianMs: ms[Math.floor(ms.length / 2)]!,
    maxMs: ms.at(-1)!,
    ttfbMs: runs.map((r) => r.ttfbMs).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!,
    bytes: last.bytes,
    chunked: last.chunked,
  };
}

async function adminCookie(appUrl: string): Promise<string> {
  const { chromium } = await import("@playwright/test");
  const { signIn, DEMO } = await import("../e2e/fixtures");
  const browser = await chromium.launch({ executablePath: CHROME, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const context = await browser.newContext({ baseURL: appUrl, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    await signIn(await context.newPage(), DEMO.admin);
    return (await context.cookies(appUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);

async function main() {
  if (process.env.BENCH_ADMIN_LOCKED !== "1") relaunchUnderLocks();
  const { startStack } = await import("../e2e/stack");
  const { dayKey } = await import("../lib/time");
  const { now } = await import("../lib/clock");
  const routes = adminPages();
  const results: { students: number; seedS: number; pages: Timing[]; exports: Timing[]; skipped: string[]; load: number[] }[] = [];
  let built = REUSE;
  for (const students of SIZES) {
    log(`${students} students: ${built ? "starting the stack on the last build" : "building and starting the stack"} (seeding takes a while at 50,000)`);
    const t0 = performance.now();
    const stack = await startStack({ students, reuseBuild: built });
    built = true;
    const seedS = (performance.now() - t0) / 1000;
    const db = new pg.Client({ connectionString: stack.state.databaseUrl });
    await db.connect();
    try {
      const cookie = await adminCookie(stack.state.appUrl);
      const pages: Timing[] = [];
      const skipped: string[] = [];
      for (const route of routes) {
        const url = await fillRoute(db, route);
        if (!url) {
          skipped.push(route);
          continue;
        }
        const t = await measure(new URL(url, stack.state.appUrl).href, cookie);
        log(`${students}: ${t.url} ${t.status} median ${t.medianMs.toFixed(0)} ms, max ${t.maxMs.toFixed(0)} ms`);
        pages.push({ ...t, url: route });
      }
      for (const route of DATA_ROUTES) {
        const t = await measure(new URL(route, stack.state.appUrl).href, cookie);
        log(`${students}: ${t.url} ${t.status} median ${t.medianMs.toFixed(0)} ms, max ${t.maxMs.toFixed(0)} ms`);
        pages.push({ ...t, url: route });
      }
      const exportsT: Timing[] = [];
      for (const url of exportsFor(dayKey(now()))) {
        const t = await measure(new URL(url, stack.state.appUrl).href, cookie);
        log(`${students}: ${t.url} ${t.status} first byte ${t.ttfbMs.toFixed(0)} ms, all ${t.medianMs.toFixed(0)} ms, ${t.bytes} bytes`);
        exportsT.push(t);
      }
      results.push({ students, seedS, pages, exports: exportsT, skipped, load: loadavg() });
    } finally {
      await db.end();
      await stack.stop();
    }
  }

  console.log(
    `\nadmin console, server time over loopback (production standalone server, ${RUNS} runs after a warm-up; median / slowest), target < ${TARGET_MS} ms`,
  );
  for (const r of results)
    console.log(
      `  ${r.students} students: stack started and seeded in ${r.seedS.toFixed(0)} s; load average after: ${r.load.map((x) => x.toFixed(2)).join(" ")}`,
    );
  const head = ["page", ...results.map((r) => `${r.students} students`)];
  console.log(`\n| ${pad(head[0]!, 44)} | ${results.map((r) => pad(`${r.students} students`, 22)).join(" | ")} |`);
  console.log(`|${"-".repeat(46)}|${results.map(() => "-".repeat(24)).join("|")}|`);
  for (const route of [...routes, ...DATA_ROUTES]) {
    const cells = results.map((r) => {
      const t = r.pages.find((p) => p.url === route);
      if (!t) return "skipped (no id)";
      const flag = t.status !== 200 ? ` (${t.status})` : t.medianMs >= TARGET_MS ? " ✗" : "";
      return `${t.medianMs.toFixed(0)} / ${t.maxMs.toFixed(0)} ms${flag}`;
    });
    console.log(`| ${pad(route, 44)} | ${cells.map((c) => pad(c, 22)).join(" | ")} |`);
  }
  console.log(`\nCSV exports: first byte / whole answer (median), bytes, streamed (chunked, no Content-Length)`);
  for (const r of results) {
    console.log(`  ${r.students} students:`);
    for (const t of r.exports)
      console.log(
        `    ${pad(t.url, 58)} ${t.status}  ${t.ttfbMs.toFixed(0)} ms / ${t.medianMs.toFixed(0)} ms  ${t.bytes} B  ${t.chunked ? "streamed" : "NOT streamed"}`,
      );
  }
  const slow = results.flatMap((r) => r.pages.filter((p) => p.medianMs >= TARGET_MS).map((p) => `${p.url} at ${r.students}: ${p.medianMs.toFixed(0)} ms`));
  console.log(slow.length ? `\nover ${TARGET_MS} ms: ${slow.join("; ")}` : `\nevery page under ${TARGET_MS} ms (median)`);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2));
}

main().catch((e: unknown) => {
  console.error("[bench:admin] failed:", e);
  process.exit(1);
});
