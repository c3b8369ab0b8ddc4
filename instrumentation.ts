// Next.js calls register() once when a server process starts. It starts the job queue
// (modules/jobs: pg-boss in the app's PostgreSQL) that runs everything on a schedule — payment
// self-healing, the speed sweep, yesterday's reconciliation — once across all instances sharing
// the database, retried when a run fails or its instance dies (docs/decisions/013-jobs-in-postgresql.md).
// A job runs through this instance's own POST /api/jobs/<name>, because instrumentation is
// compiled apart from the server-only service modules; SIGTERM stops the queue.
//
// Production never guesses (decision 009): lib/env refuses a missing or demo-only setting, and a
// server that cannot load its settings exits here at start-up, printing the whole list, rather
// than answering its first request with an error.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  let env: typeof import("./lib/env").env;
  try {
    ({ env } = await import("./lib/env"));
  } catch (e) {
    console.error(`[campusnet] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  if (process.env.CAMPUSNET_MODE === "demo") console.warn("[campusnet] DEMO MODE: public development secrets, the sandbox gateway and the demo campus. Never for a real campus (npm start is production).");
  const g = globalThis as unknown as { campusnetJobsRegistered?: boolean };
  if (g.campusnetJobsRegistered || env.JOBS === "off" || !process.env.DATABASE_URL) return;
  g.campusnetJobsRegistered = true;
  const port = process.env.PORT ?? (() => {
    try {
      const u = new URL(env.NEXTAUTH_URL);
      return ["localhost", "127.0.0.1"].includes(u.hostname) ? u.port || "80" : "3000";
    } catch {
      return "3000";
    }
  })();
  const base = `http://127.0.0.1:${port}`;
  const [{ startJobs, stopJobs }, { jobsSecret }] = await Promise.all([import("./modules/jobs/queue"), import("./modules/jobs/secret")]);
  const secret = jobsSecret();

  // register() must return before the server listens: start the queue once it answers.
  void (async () => {
    for (let i = 0; i < 600; i++) {
      try {
        await fetch(`${base}/api/jobs/ready`, { method: "HEAD", signal: AbortSignal.timeout(2_000) });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await startJobs(async (name, data, id) => {
      const res = await fetch(`${base}/api/jobs/${name}`, { method: "POST", headers: { "x-cron-secret": secret, "x-job-id": id, "content-type": "application/json" }, body: JSON.stringify(data), signal: AbortSignal.timeout(30 * 60_000) });
      const text = await res.text();
      if (!res.ok) throw new Error(`POST /api/jobs/${name} answered ${res.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as unknown;
    });
    console.log(`[jobs] queue started (pid ${process.pid}, port ${port})`);
  })().catch((e: unknown) => console.error("[jobs] the job queue did not start:", e));

  process.once("SIGTERM", () => void stopJobs().catch(() => undefined));
}
