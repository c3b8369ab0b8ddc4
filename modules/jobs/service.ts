import "server-only";
// The admin side of the job queue (/admin/jobs): recent runs per job, read from pg-boss's own
// table (schema pgboss, made by the queue at start-up), and "run now", audited.
import { db } from "@/lib/db";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { enqueueJob } from "./queue";
import { JOB_NAMES, jobSpecs, type JobName } from "./schedule";

export type JobRunState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export interface JobRun {
  id: string;
  state: JobRunState;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** completed or failed: how long the run took, milliseconds */
  durationMs: number | null;
  retryCount: number;
  /** the failed run's message */
  error: string | null;
  /** queued from the admin page (not by the schedule) */
  manual: boolean;
}

export interface JobOverview {
  name: JobName;
  /** "every 60 s" or the cron expression (Asia/Shanghai) */
  everySeconds: number | null;
  cron: string | null;
  runs: JobRun[];
}

function errorOf(output: unknown): string | null {
  if (!output || typeof output !== "object") return null;
  const o = output as { message?: unknown; value?: { message?: unknown } };
  const m = o.message ?? o.value?.message;
  return typeof m === "string" ? m.slice(0, 500) : null;
}

/** Each job's latest `perJob` runs, newest first; no runs yet when the queue never started. */
export async function listJobRuns(perJob = 10): Promise<JobOverview[]> {
  const [probe] = await db().$queryRaw<{ installed: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS installed`;
  const rows = probe?.installed
    ? await db().$queryRaw<
        {
          id: string;
          name: string;
          state: JobRunState;
          created_on: Date;
          started_on: Date | null;
          completed_on: Date | null;
          retry_count: number;
          output: unknown;
          manual: boolean;
        }[]
      >`
        SELECT id::text AS id, name, state::text AS state, created_on, started_on, completed_on, retry_count, output, (data ? 'manual') AS manual
        FROM (SELECT *, row_number() OVER (PARTITION BY name ORDER BY created_on DESC) AS n FROM pgboss.job WHERE name = ANY(${[...JOB_NAMES]}::text[])) j
        WHERE n <= ${perJob}
        ORDER BY name, created_on DESC`
    : [];
  return jobSpecs().map((spec) => ({
    name: spec.name,
    everySeconds: spec.cron ? null : (spec.everySeconds ?? null),
    cron: spec.cron ?? null,
    runs: rows
      .filter((r) => r.name === spec.name)
      .map((r) => ({
        id: r.id,
        state: r.state,
        createdAt: r.created_on,
        startedAt: r.started_on,
        completedAt: r.completed_on,
        durationMs:
          r.started_on && r.completed_on && (r.state === "completed" || r.state === "failed") ? r.completed_on.getTime() - r.started_on.getTime() : null,
        retryCount: r.retry_count,
        error: r.state === "failed" || r.state === "retry" ? errorOf(r.output) : null,
        manual: r.manual,
      })),
  }));
}

/** Queues one run of `name` now, beside its schedule; the staff member's request is audited. */
export async function runJobNow(name: JobName, staff: Actor): Promise<{ jobId: string }> {
  const jobId = await enqueueJob(name, { manual: { by: staff.id } });
  await recordAudit({ actorId: staff.id, action: "jobs.run", data: { job: name, jobId } });
  return { jobId };
}
