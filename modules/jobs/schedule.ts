// The scheduled jobs, declared once (docs/decisions/013-jobs-in-postgresql.md). Each entry is a
// pg-boss queue; modules/jobs/queue.ts creates the queues and schedules them, the handlers are in
// modules/jobs/handlers.service.ts (reached through POST /api/jobs/<name>). No imports of services
// here: instrumentation.ts reads this table and is compiled apart from server-only modules.
import { env } from "@/lib/env";

export interface JobSpec {
  /** pg-boss queue name; also the admin page's row and the internal route's segment */
  name: JobName;
  /**
   * Every this many seconds, once across all instances: each instance offers a job per period
   * and pg-boss's throttle slot (computed from the database's clock) keeps the first one.
   * JOBS_TICK_SECONDS replaces it in tests. 0 = not scheduled (run from the admin page only).
   */
  everySeconds?: number;
  /** or a cron expression in Asia/Shanghai (pg-boss schedule(): once per occurrence across instances) */
  cron?: string;
  /** a crashed or failed run is tried again this often, with exponential backoff */
  retryLimit: number;
  retryDelaySeconds: number;
  /** a run still active this long counts as crashed (its instance died) and is retried */
  expireInSeconds: number;
}

export const JOB_NAMES = [
  "payments-heal",
  "speed-sweep",
  "reconcile-yesterday",
  "usage-history",
  "package-plans",
  "package-plan-warnings",
  "pause-transitions",
  "push-delivery",
  "package-expiring",
  "admin-kpis",
] as const;
// Later jobs join here, in jobSpecs() and in handlers.service.ts: month-start jobs, push delivery.
export type JobName = (typeof JOB_NAMES)[number];

export function isJobName(value: unknown): value is JobName {
  return typeof value === "string" && (JOB_NAMES as readonly string[]).includes(value);
}

/** The table. Read at start-up (the environment decides the periods). */
export function jobSpecs(): JobSpec[] {
  const tick = env.JOBS_TICK_SECONDS;
  const every = (seconds: number) => (seconds > 0 && tick ? tick : seconds);
  return [
    // A payment whose notification never came is still credited; unpaid orders past their time close.
    { name: "payments-heal", everySeconds: every(Math.ceil(env.PAYMENTS_HEAL_INTERVAL_MS / 1000)), retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 300 },
    // A new month's quota or an expiring package changes a live session's rate (CoA) without a packet.
    { name: "speed-sweep", everySeconds: every(60), retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 300 },
    // Yesterday's statement of every configured online channel against the ledger, at 03:10 Shanghai.
    { name: "reconcile-yesterday", cron: "10 3 * * *", retryLimit: 5, retryDelaySeconds: 60, expireInSeconds: 1800 },
    // Usage history (decision 014): partitions made ahead, stopped sessions archived, expired months dropped.
    { name: "usage-history", cron: "20 4 * * *", retryLimit: 5, retryDelaySeconds: 60, expireInSeconds: 3600 },
    // 下月生效 / 自动续订 (modules/plans): hourly, so 00:00 on the 1st books the month and every later hour catches up a late,
    // missed or waiting booking (a run books each student and month at most once).
    { name: "package-plans", cron: "0 * * * *", retryLimit: 5, retryDelaySeconds: 60, expireInSeconds: 1800 },
    // The balance warning for next month's plan, daily at 09:00 in the 3 days before the 1st (one per student and month).
    { name: "package-plan-warnings", cron: "0 9 * * *", retryLimit: 5, retryDelaySeconds: 60, expireInSeconds: 900 },
    // 停机保号 (modules/pauses): scheduled pauses start, and pauses whose resume day has come end (each once).
    { name: "pause-transitions", everySeconds: every(60), retryLimit: 3, retryDelaySeconds: 5, expireInSeconds: 300 },
    // Web Push (modules/push, decision 023): new notifications to the students' phones, retries that are due.
    { name: "push-delivery", everySeconds: every(20), retryLimit: 2, retryDelaySeconds: 5, expireInSeconds: 120 },
    // 套餐即将到期: a package ending within 3 days, noticed once per holding, daily at 10:00 Shanghai.
    { name: "package-expiring", cron: "0 10 * * *", retryLimit: 5, retryDelaySeconds: 60, expireInSeconds: 900 },
    // the /admin overview's campus figures (decision 032): counted once a minute, not per page view
    { name: "admin-kpis", everySeconds: every(60), retryLimit: 2, retryDelaySeconds: 5, expireInSeconds: 120 },
  ];
}
