// `npm run bench:web`: how fast the student pages are for a student on a mid-range phone
// (issue 11 item 1, docs/decisions/024-web-speed.md). Builds the production server (or reuses
// the last build with --reuse-build), starts the e2e stack (embedded PostgreSQL with the demo
// campus, the dev IdP, the standalone server; e2e/stack.ts) on free ports, signs in as 2023010001
// through the real OIDC login page with Playwright, then runs Lighthouse (its default config:
// the mobile preset with simulated throttling) on each page with the session cookie as an extra
// header, and prints one table: performance, accessibility, TBT, LCP, the JS the page transferred,
// with the Lighthouse and Chromium versions, the load average, and the home's first-load JS
// (the scripts Lighthouse saw the home load, read from .next/static and gzipped here).
//
//   npm run bench:web -- [--reuse-build] [--runs 3] [--pages /,/packages] [--json out.json]
//                        [--lhr-dir /tmp/lhr]   (each run's whole Lighthouse report, to dig into)
//                        [--html-dir /tmp/html] (each page's HTML as the server sends it)
//                        [--no-floor]           (skip the bare Next.js page, bench/floor.ts)
//
// The floor: a bare Next.js page (same Next.js and React, nothing of ours; bench/floor.ts) is
// built and measured in the same run, so each page's TBT is also printed as a multiple of what
// the framework alone costs on this machine at that moment.
//
// Figures are printed, never asserted: the exit code is non-zero only when something crashed.
// This box is shared and the scores move with its load: compare pages within one run, and read
// the load average printed with them. The build writes .next, which every e2e run also uses, so
// the whole run holds /tmp/campusnet-e2e.lock (the script takes it itself) and the bench lock.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../dev/chromium";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROME = process.env.CHROME_PATH || CHROMIUM_PATH;
// The flags playwright.config.ts gives Chromium, plus headless for Lighthouse's own launch.
const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_ARGS];
const LOCKS = ["/tmp/campusnet-e2e.lock", "/tmp/campusnet-bench.lock"];

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const opt = (name: string, def: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : def;
};
const REUSE = flag("reuse-build");
const RUNS = Math.max(1, Number(opt("runs", "1")) || 1);
const PAGES = opt("pages", "/,/packages,/recharge,/network").split(",");
const JSON_OUT = opt("json", "");
/** Where to keep each run's full Lighthouse report (bootup-time, unused-javascript, …), if anywhere. */
const LHR_DIR = opt("lhr-dir", "");
/** Where to keep each page's HTML as the server sends it to the signed-in student (document size, inline RSC payload), if anywhere. */
const HTML_DIR = opt("html-dir", "");
const STUDENT = "2023010001";
/** The student's phone asks for Chinese. */
const ACCEPT_LANGUAGE = "zh-CN,zh;q=0.9";
const FLOOR = !flag("no-floor");

const log = (m: string) => console.error(`[bench:web] ${m}`);

/** Re-runs this script under both locks unless it already holds them (BENCH_WEB_LOCKED). */
function relaunchUnderLocks(): never {
  const self = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...argv];
  // flock A flock B node … : each flock holds its lock for the whole child.
  const cmd = LOCKS.flatMap((l) => ["flock", l]).concat(self);
  log(`waiting for ${LOCKS.join(" and ")} …`);
  const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: "inherit", env: { ...process.env, BENCH_WEB_LOCKED: "1" } });
  process.exit(r.status ?? 1);
}

interface Row {
  page: string;
  performance: number;
  accessibility: number;
  tbtMs: number;
  lcpMs: number;
  fcpMs: number;
  jsKB: number;
  scripts: string[];
}

/** The median run of a page by performance score (ties broken by TBT). */
function median(rows: Row[]): Row {
  const sorted = [...rows].sort((a, b) => a.performance - b.performance || b.tbtMs - a.tbtMs);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Sum of the gzip sizes of the build's own scripts among `urls` (the sizes a browser downloads from a gzip-serving server). */
function firstLoadGzipKB(urls: string[]): number {
  let bytes = 0;
  for (const u of urls) {
    const p = new URL(u).pathname;
    if (!p.startsWith("/_next/static/")) continue;
    const file = path.join(ROOT, ".next", "static", decodeURIComponent(p.slice("/_next/static/".length)));
    if (existsSync(file)) bytes += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return bytes / 1024;
}

async function signInCookie(appUrl: string): Promise<string> {
  const { chromium } = await import("@playwright/test");
  const { signIn } = await import("../e2e/fixtures");
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ baseURL: appUrl, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    await signIn(await context.newPage(), STUDENT);
    const cookies = await context.cookies(appUrl);
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

async function lighthouseRun(url: string, cookie: string): Promise<Row> {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      extraHeaders: { ...(cookie ? { Cookie: cookie } : {}), "Accept-Language": ACCEPT_LANGUAGE },
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const lhr = result.lhr;
    if (LHR_DIR) {
      mkdirSync(LHR_DIR, { recursive: true });
      writeFileSync(path.join(LHR_DIR, `${new URL(url).pathname.replace(/\W+/g, "_") || "_"}-${Date.now()}.json`), JSON.stringify(lhr));
    }
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const final = new URL(lhr.finalDisplayedUrl);
    if (final.pathname.startsWith("/signin")) throw new Error(`${url} showed the sign-in page: the cookie did not sign in`);
    const items =
      (lhr.audits["network-requests"]?.details as { items?: { url: string; resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
    const scripts = items.filter((i) => i.resourceType === "Script");
    return {
      page: new URL(url).pathname,
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
      tbtMs: Math.round(lhr.audits["total-blocking-time"]?.numericValue ?? NaN),
      lcpMs: Math.round(lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN),
      fcpMs: Math.round(lhr.audits["first-contentful-paint"]?.numericValue ?? NaN),
      jsKB: scripts.reduce((s, i) => s + (i.transferSize ?? 0), 0) / 1024,
      scripts: scripts.map((s) => s.url),
    };
  } finally {
    await chrome.kill();
  }
}

/** The families fontconfig offers for Chinese ("none" when it offers none). */
function cjkFonts(): string {
  const r = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  const families = [
    ...new Set(
      (r.stdout ?? "")
        .split("\n")
        .map((l) => l.split(",")[0]!.trim())
        .filter(Boolean),
    ),
  ];
  return families.length ? families.join(", ") : "none";
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  if (process.env.BENCH_WEB_LOCKED !== "1") relaunchUnderLocks();
  const { startStack } = await import("../e2e/stack");
  const { version: lhVersion } = JSON.parse(readFileSync(path.join(ROOT, "node_modules", "lighthouse", "package.json"), "utf8")) as { version: string };
  const chromium = execFileSync(CHROME, ["--version"], { encoding: "utf8" }).trim();
  const loadBefore = loadavg();

  log(REUSE ? "starting the stack on the last build" : "building and starting the stack");
  const stack = await startStack({ students: 50, reuseBuild: REUSE });
  const loads: number[][] = [];
  const rows: Row[] = [];
  /** RUNS Lighthouse runs of one URL, logged as `label`, noting the load average before each; the median. */
  const measure = async (label: string, url: string, cookie: string): Promise<Row> => {
    const runs: Row[] = [];
    for (let i = 0; i < RUNS; i++) {
      loads.push(loadavg());
      const r = await lighthouseRun(url, cookie);
      log(`${label} run ${i + 1}/${RUNS}: performance ${r.performance}, TBT ${r.tbtMs} ms, LCP ${r.lcpMs} ms, JS ${r.jsKB.toFixed(0)} KB`);
      runs.push(r);
    }
    return median(runs);
  };
  try {
    const cookie = await signInCookie(stack.state.appUrl);
    for (const page of PAGES) {
      if (HTML_DIR) {
        mkdirSync(HTML_DIR, { recursive: true });
        const res = await fetch(new URL(page, stack.state.appUrl), { headers: { Cookie: cookie, "Accept-Language": ACCEPT_LANGUAGE } });
        writeFileSync(path.join(HTML_DIR, `${page.replace(/\W+/g, "_") || "_"}.html`), await res.text());
      }
      rows.push(await measure(page, new URL(page, stack.state.appUrl).href, cookie));
    }
  } finally {
    await stack.stop();
  }

  let floorRow: Row | null = null;
  let floorVersions = "";
  if (FLOOR) {
    const { startFloor } = await import("./floor");
    const floor = await startFloor(ROOT, log);
    floorVersions = floor.versions;
    try {
      floorRow = { ...(await measure("floor", floor.url, "")), page: "floor" };
    } finally {
      await floor.stop();
    }
  }

  const home = rows.find((r) => r.page === "/");
  const homeGzip = home ? firstLoadGzipKB(home.scripts) : NaN;
  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const maxLoad = Math.max(...loads.map((l) => l[0]!));

  console.log(`\nLighthouse ${lhVersion} (mobile preset, simulated throttling) · ${chromium} · runs per page: ${RUNS} (median)`);
  console.log(`Chinese fonts on this machine: ${cjkFonts()} (a student's phone always has one; without one, Chromium's layout of Chinese text is slower)`);
  console.log(`load average before: ${la(loadBefore)} · highest 1-min load during the runs: ${maxLoad.toFixed(2)} · after: ${la(loadavg())}\n`);
  console.log(`| ${pad("page", 10)} | performance | accessibility | ${pad("TBT", 8)} | TBT ÷ floor | ${pad("LCP", 8)} | ${pad("FCP", 8)} | JS transferred |`);
  console.log(`|${"-".repeat(12)}|-------------|---------------|${"-".repeat(10)}|-------------|${"-".repeat(10)}|${"-".repeat(10)}|----------------|`);
  const ratio = (r: Row) => (floorRow && floorRow.tbtMs > 0 ? `×${(r.tbtMs / floorRow.tbtMs).toFixed(1)}` : "—");
  for (const r of floorRow ? [...rows, floorRow] : rows)
    console.log(
      `| ${pad(r.page, 10)} | ${pad(r.performance, 11)} | ${pad(r.accessibility, 13)} | ${pad(sec(r.tbtMs), 8)} | ${pad(ratio(r), 11)} | ${pad(sec(r.lcpMs), 8)} | ${pad(sec(r.fcpMs), 8)} | ${pad(`${r.jsKB.toFixed(0)} KB`, 14)} |`,
    );
  if (floorRow) console.log(`\nfloor: a bare Next.js page (${floorVersions}, nothing of campusnet; bench/floor.ts), measured in this run`);
  if (home) console.log(`\nhome first-load JS: ${homeGzip.toFixed(1)} KB gzip (${home.scripts.length} scripts; target ≤ 150 KB)`);
  if (JSON_OUT)
    writeFileSync(
      JSON_OUT,
      JSON.stringify({ lighthouse: lhVersion, chromium, loadBefore, maxLoad, homeFirstLoadGzipKB: homeGzip, rows, floor: floorRow }, null, 2),
    );
}

main().catch((e: unknown) => {
  console.error("[bench:web] failed:", e);
  process.exit(1);
});
