// Several app instances, one database (decision 013), the short form that `npm test` runs: two
// `next start` (the build the e2e setup made) on their own embedded PostgreSQL for 45 s of
// payments and RADIUS traffic with the jobs ticking every 5 s. dev/instances.ts does the work in
// its own process (it calls services, which need the react-server condition) and reports the
// figures; the long form is `npm run test:instances -- --minutes 10`.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { InstancesReport } from "../dev/instances";
import { expect, test } from "./fixtures";
import { ROOT_DIR } from "./paths";

const SECONDS = 45;
const TICK = 5;

test("two instances on one database: each scheduled job once per tick, no CoA twice, every paid order credited once", async ({}, testInfo) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(path.join(tmpdir(), "campusnet-instances-spec-"));
  try {
    const out = path.join(dir, "report.json");
    const args = [
      "--conditions=react-server",
      "--import",
      "tsx",
      "dev/instances.ts",
      "--seconds",
      String(SECONDS),
      "--tick",
      String(TICK),
      "--students",
      "20",
      "--json",
      out,
    ];
    const log: string[] = [];
    const code = await new Promise<number>((res) => {
      // The driver sets its own mode and settings (dev/instances.ts); a NODE_ENV from the runner would make it production.
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_ENV")) as NodeJS.ProcessEnv;
      const child = spawn(process.execPath, args, { cwd: ROOT_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.on("data", (d: Buffer) => log.push(d.toString()));
      child.stderr.on("data", (d: Buffer) => log.push(d.toString()));
      child.on("exit", (c) => res(c ?? 1));
    });
    await testInfo.attach("dev/instances.ts output", { body: log.join(""), contentType: "text/plain" });
    const report = JSON.parse(readFileSync(out, "utf8")) as InstancesReport;
    console.log(`[instances] ${JSON.stringify({ jobs: report.jobs, payments: report.payments, coa: report.coa })}`);
    for (const name of ["payments-heal", "speed-sweep"]) {
      const j = report.jobs[name]!;
      expect(j.slots, `${name}: ticks in ${SECONDS} s`).toBeGreaterThanOrEqual(Math.floor(SECONDS / TICK));
      expect(j, name).toMatchObject({ duplicateSlots: 0, missingSlots: 0, notCompleted: 0, runsLoggedTwice: 0 });
      expect(j.runsLogged, `${name}: every run logged by one instance`).toBeGreaterThanOrEqual(j.slots - 1);
    }
    expect(report.payments.paidTrades).toBeGreaterThan(0);
    expect(report.payments).toMatchObject({ credited: report.payments.paidTrades, creditedTwice: 0, paidNotCredited: 0, walletFen: report.payments.paidFen });
    expect(report.coa.coaRows).toBeGreaterThan(0);
    expect(report.coa).toMatchObject({ duplicateEvents: 0, nasReceived: report.coa.coaRows });
    expect(report.failures).toEqual([]);
    expect(code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
