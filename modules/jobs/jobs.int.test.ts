// The job queue against a real PostgreSQL: a run queued from the admin side (even before the
// process's queue started) is audited, worked,
// and shows on /admin/jobs; a run that fails is retried (with backoff) and then completes; two
// offers for the same tick make one job. The runner here is a stand-in for POST /api/jobs/<name>.
import { PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { createUser } from "@/dev/factory";
import { db } from "@/lib/db";
import { databaseUrl } from "@/lib/env";
import { startJobs, stopJobs, type JobData } from "./queue";
import { JOB_NAMES, type JobName } from "./schedule";
import { listJobRuns, runJobNow } from "./service";

const calls: { name: JobName; data: JobData; id: string }[] = [];
/** job ids whose first attempt throws, like a run whose instance crashed mid-way */
const failOnce = new Set<string>();

afterAll(async () => {
  await stopJobs();
});

async function until<T>(what: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("the job queue", () => {
  it("runs a job queued by staff once, audited and listed; a failed run is retried and completes", async () => {
    const admin = await createUser(db(), { role: "ADMIN", name: "任务管理员" });
    // Staff asked before this process's queue started: the send-only queue gives way to the working one.
    const { jobId } = await runJobNow("reconcile-yesterday", admin);
    const running = await startJobs(async (name, data, id) => {
      calls.push({ name, data, id });
      if (failOnce.delete(id)) throw new Error("the instance died mid-run");
      return { ok: true };
    });
    expect(running.working).toBe(true);
    const done = await until(async () =>
      (await listJobRuns()).find((j) => j.name === "reconcile-yesterday")?.runs.find((r) => r.id === jobId && r.state === "completed"),
    );
    expect(done).toMatchObject({ manual: true, retryCount: 0, error: null });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(calls.filter((c) => c.id === jobId)).toEqual([{ name: "reconcile-yesterday", data: { manual: { by: admin.id } }, id: jobId }]);
    const audit = await db().auditLog.findMany({ where: { actorId: admin.id, action: "jobs.run" }, select: { data: true } });
    expect(audit).toEqual([{ data: { job: "reconcile-yesterday", jobId } }]);

    // A run that throws is retried after its backoff delay (5 s for this job … doubling), then completes.
    const boss = new PgBoss({ connectionString: databaseUrl(), supervise: false, schedule: false });
    await boss.start();
    try {
      const id = (await boss.send("usage-history", { manual: { by: admin.id } }, { id: crypto.randomUUID(), retryDelay: 1 }))!;
      failOnce.add(id);
      const retried = await until(
        async () => (await listJobRuns()).find((j) => j.name === "usage-history")?.runs.find((r) => r.id === id && r.state === "completed"),
        60_000,
      );
      expect(retried.retryCount).toBe(1);
      expect(calls.filter((c) => c.id === id)).toHaveLength(2);

      // Two instances offering the same tick: the throttle slot keeps one job.
      const a = await boss.send("speed-sweep", {}, { singletonSeconds: 3600, singletonKey: `test-${id}` });
      const b = await boss.send("speed-sweep", {}, { singletonSeconds: 3600, singletonKey: `test-${id}` });
      expect(a).toBeTruthy();
      expect(b).toBeNull();
    } finally {
      await boss.stop({ graceful: false });
    }
  }, 90_000);

  it("lists every declared job, with its schedule", async () => {
    const jobs = await listJobRuns(1);
    expect(jobs.map((j) => j.name)).toEqual([...JOB_NAMES]);
    expect(JOB_NAMES.slice(0, 4)).toEqual(["payments-heal", "speed-sweep", "reconcile-yesterday", "usage-history"]);
    expect(jobs.find((j) => j.name === "package-plans")).toMatchObject({ cron: "0 * * * *", everySeconds: null });
    expect(jobs.find((j) => j.name === "reconcile-yesterday")).toMatchObject({ cron: "10 3 * * *", everySeconds: null });
    expect(jobs.find((j) => j.name === "speed-sweep")).toMatchObject({ cron: null, everySeconds: 60 });
    expect(jobs.find((j) => j.name === "pause-transitions")).toMatchObject({ cron: null, everySeconds: 60 });
  });
});
