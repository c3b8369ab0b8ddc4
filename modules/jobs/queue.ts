// The job queue's lifecycle: pg-boss on the app's own PostgreSQL (schema `pgboss`), started once
// per process by instrumentation.ts and stopped on SIGTERM (docs/decisions/013-jobs-in-postgresql.md).
// Every instance runs the same workers and offers the same scheduled jobs; the database decides
// which one runs each occurrence, so with N instances each scheduled run happens once.
// Not server-only: instrumentation.ts imports it (its handlers run through `runner`).
import { PgBoss } from "pg-boss";
import { databaseUrl } from "@/lib/env";
import { jobSpecs, type JobName, type JobSpec } from "./schedule";

/** What a job carries: a run from the admin page names who asked for it. */
export interface JobData {
  manual?: { by: string };
}

/** Runs one job to completion and returns its result (stored with the job); throws to retry. */
export type JobRunner = (name: JobName, data: JobData, id: string) => Promise<unknown>;

interface Running {
  boss: PgBoss;
  timers: NodeJS.Timeout[];
  working: boolean;
}

const g = globalThis as unknown as { campusnetJobs?: Promise<Running> };

const TIMEZONE = "Asia/Shanghai";
const HEARTBEAT_SECONDS = 20;

function create(working: boolean): PgBoss {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    application_name: "campusnet-jobs",
    max: 4,
    // Only a working instance maintains the queues and runs pg-boss's cron pass.
    supervise: working,
    schedule: working,
    // How soon a run whose instance died (its heartbeat stopped) is failed and retried: ≈ 20 + 15 s.
    superviseIntervalSeconds: 15,
    monitorIntervalSeconds: 15,
  });
  boss.on("error", (e: unknown) => console.error("[jobs] pg-boss:", e));
  return boss;
}

async function declare(boss: PgBoss, spec: JobSpec): Promise<void> {
  const options = {
    // One run of a job at a time across all instances: a late run and the next tick queue up.
    retryLimit: spec.retryLimit,
    retryDelay: spec.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: spec.retryDelaySeconds * 32,
    expireInSeconds: spec.expireInSeconds,
    // The working instance refreshes a running job's heartbeat; a dead instance's run is retried
    // after this, instead of holding the job's one active slot (singleton) until it expires.
    heartbeatSeconds: HEARTBEAT_SECONDS,
    // Runs stay visible on /admin/jobs for two weeks.
    deleteAfterSeconds: 14 * 86_400,
  };
  if (!(await boss.getQueue(spec.name))) await boss.createQueue(spec.name, { policy: "singleton", ...options });
  else await boss.updateQueue(spec.name, options);
  if (spec.cron) await boss.schedule(spec.name, spec.cron, {}, { tz: TIMEZONE });
  else await boss.unschedule(spec.name).catch(() => undefined);
}

/**
 * Offers a job of every interval job once per `everySeconds`: pg-boss files it in a throttle slot of
 * that width computed from the database's clock, and a second offer for the same slot (this
 * instance's next tick, or another instance's) creates nothing. Offering three times per slot
 * means no slot is missed however the instances' timers drift.
 */
function offerOnTicks(boss: PgBoss, specs: JobSpec[]): NodeJS.Timeout[] {
  return specs
    .filter((s): s is JobSpec & { everySeconds: number } => !s.cron && !!s.everySeconds && s.everySeconds > 0)
    .map((spec) => {
      const offer = () =>
        void boss.send(spec.name, {}, { singletonSeconds: spec.everySeconds }).catch((e: unknown) => console.error(`[jobs] offering ${spec.name}:`, e));
      offer();
      const t = setInterval(offer, Math.max(1000, (spec.everySeconds * 1000) / 3));
      t.unref();
      return t;
    });
}

/**
 * Starts the queue in this process once: declares the queues, schedules the cron jobs, offers the
 * interval jobs and works every queue with `runner`. Later calls return the same queue.
 */
export async function startJobs(runner: JobRunner, opts: { pollingIntervalSeconds?: number } = {}): Promise<Running> {
  // A "run now" that came first left a send-only queue here: replace it with the working one.
  const existing = g.campusnetJobs && (await g.campusnetJobs.catch(() => null));
  if (existing?.working) return existing;
  if (existing && g.campusnetJobs) {
    g.campusnetJobs = undefined;
    await existing.boss.stop({ graceful: true, timeout: 5_000 }).catch(() => undefined);
  }
  g.campusnetJobs ??= (async () => {
    const boss = create(true);
    await boss.start();
    const specs = jobSpecs();
    for (const spec of specs) await declare(boss, spec);
    for (const spec of specs) {
      await boss.work<JobData>(spec.name, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, async ([job]) =>
        runner(spec.name, job!.data ?? {}, job!.id),
      );
    }
    return { boss, timers: offerOnTicks(boss, specs), working: true };
  })();
  g.campusnetJobs.catch(() => (g.campusnetJobs = undefined));
  return g.campusnetJobs;
}

/** The queue for sending only (an admin's "run now" in a process that does not work the queues). */
async function sender(): Promise<PgBoss> {
  if (!g.campusnetJobs) {
    g.campusnetJobs = (async () => {
      const boss = create(false);
      await boss.start();
      for (const spec of jobSpecs()) await declare(boss, spec);
      return { boss, timers: [], working: false };
    })();
    g.campusnetJobs.catch(() => (g.campusnetJobs = undefined));
  }
  return (await g.campusnetJobs).boss;
}

/** Queues one run of `name` now (beside the schedule); returns the job's id. */
export async function enqueueJob(name: JobName, data: JobData): Promise<string> {
  const id = await (await sender()).send(name, data as object);
  if (!id) throw new Error(`pg-boss did not queue ${name}`);
  return id;
}

/** Stops offering and fetching, lets running jobs finish (up to `timeoutMs`), closes the pool. */
export async function stopJobs(timeoutMs = 10_000): Promise<void> {
  const running = g.campusnetJobs;
  g.campusnetJobs = undefined;
  if (!running) return;
  const r = await running.catch(() => null);
  if (!r) return;
  for (const t of r.timers) clearInterval(t);
  await r.boss.stop({ graceful: true, timeout: timeoutMs });
}
