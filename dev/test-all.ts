// `npm test`: lint, typecheck, then every test tier in order (../shared/STYLE.md habit 9), stopping at the
// first failure. Ends with a summary and the line `N passed, M failed` that CI reads:
// N and M count tests across the tiers (from the runners' JSON reports); a step that fails
// without a failed test to show for it (type errors, a crash, a failed global setup)
// counts as one failure, so M > 0 exactly when the exit code is non-zero.
//
//   npm test                 everything
//   npm test -- --skip-e2e   without Playwright (no build, no browser)
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const skipE2e = process.argv.includes("--skip-e2e");
const bin = (name: string) => path.resolve("node_modules", ".bin", name);
const reports = mkdtempSync(path.join(tmpdir(), "campusnet-test-"));

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
interface Step {
  name: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
  /** Reads the test counts from the runner's report; null when there is none. */
  counts?: () => Counts | null;
}

function readJson<T>(file: string): T | null {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
  } catch {
    return null;
  }
}

function vitest(project: "unit" | "int"): Step {
  const report = path.join(reports, `vitest-${project}.json`);
  return {
    name: `vitest ${project}`,
    cmd: bin("vitest"),
    args: ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    counts: () => {
      const r = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(report);
      return r && { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    },
  };
}

const e2eReport = path.join(reports, "playwright.json");
const steps: Step[] = [
  { name: "lint", cmd: bin("eslint"), args: [".", "--max-warnings=0"] },
  { name: "format", cmd: bin("prettier"), args: ["--check", "--log-level=warn", "."] },
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit"] },
  vitest("unit"),
  vitest("int"),
  ...(skipE2e
    ? []
    : [
        {
          name: "playwright",
          cmd: bin("playwright"),
          args: ["test"],
          env: { E2E_JSON_REPORT: e2eReport },
          counts: () => {
            const r = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(e2eReport);
            // A flaky test passed on retry: it counts as passed (the list reporter names it).
            return r && { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped };
          },
        } satisfies Step,
      ]),
];

let current: ReturnType<typeof spawn> | null = null;
// Ctrl-C reaches the runner directly (same process group): do not send it a second one,
// which makes Playwright exit at once without its teardown. Just wait for the summary.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => current?.kill("SIGTERM"));

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    current = spawn(step.cmd, step.args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...step.env } });
    current.on("error", (e) => {
      console.error(`[test] cannot run ${step.cmd}: ${e.message}`);
      resolve(127);
    });
    current.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rows: { name: string; status: string; ms: number; tests: string }[] = [];
let passed = 0;
let failed = 0;
let stopped = false;
const t0 = Date.now();
// decision 012: npm puts the pinned Node 24 (node_modules/.bin/node) first on PATH
console.log(`Node ${process.version} (${process.execPath})`);

for (const step of steps) {
  if (stopped) {
    rows.push({ name: step.name, status: "not run", ms: 0, tests: "" });
    continue;
  }
  console.log(`\n${bold(`▶ ${step.name}`)}  ${path.basename(step.cmd)} ${step.args.join(" ")}`);
  const started = Date.now();
  const code = await run(step);
  const ms = Date.now() - started;
  const counts = step.counts?.() ?? null;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  // a runner that exits 0 with failed tests in its report still fails the step (seen once with vitest)
  const ok = code === 0 && !(counts && counts.failed > 0);
  if (!ok && !(counts && counts.failed > 0)) failed += 1;
  rows.push({
    name: step.name,
    status: ok ? "ok" : `FAILED (exit ${code})`,
    ms,
    tests: counts ? `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}` : "",
  });
  if (!ok) stopped = true;
}
rmSync(reports, { recursive: true, force: true });

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`\n${bold("Summary")}`);
for (const r of rows) {
  console.log(`  ${r.name.padEnd(width)}  ${r.status.padEnd(18)}  ${r.ms ? seconds(r.ms).padStart(7) : "".padStart(7)}  ${r.tests}`);
}
if (skipE2e) console.log(`  ${"playwright".padEnd(width)}  skipped (--skip-e2e)`);
console.log(`  total ${seconds(Date.now() - t0)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
