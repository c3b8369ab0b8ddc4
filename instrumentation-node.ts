// What instrumentation.ts's register() does in the Node.js runtime (kept apart so the Edge build
// never sees Node APIs). It starts the job queue
// (modules/jobs: pg-boss in the app's PostgreSQL) that runs everything on a schedule — payment
// self-healing, the speed sweep, yesterday's reconciliation — once across all instances sharing
// the database, retried when a run fails or its instance dies (docs/decisions/013-jobs-in-postgresql.md).
// A job runs through this instance's own POST /api/jobs/<name>, because instrumentation is
// compiled apart from the server-only service modules; SIGTERM stops the queue.
//
// Production never guesses (decision 009): lib/env refuses a missing or demo-only setting, and a
// server that cannot load its settings exits here at start-up, printing the whole list, rather
// than answering its first request with an error.
export async function registerNode() {
  let env: typeof import("@/lib/env").env;
  try {
    ({ env } = await import("@/lib/env"));
  } catch (e) {
    console.error(`[campusnet] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  if (process.env.CAMPUSNET_MODE === "demo")
    console.warn(
      "[campusnet] DEMO MODE: public development secrets, the sandbox gateway and the demo campus. Never for a real campus (npm start is production).",
    );
  const g = globalThis as unknown as { campusnetJobsRegistered?: boolean };
  if (g.campusnetJobsRegistered || env.JOBS === "off" || !process.env.DATABASE_URL) return;
  g.campusnetJobsRegistered = true;
  const port =
    process.env.PORT ??
    (() => {
      try {
        const u = new URL(env.NEXTAUTH_URL);
        return ["localhost", "127.0.0.1"].includes(u.hostname) ? u.port || "80" : "3000";
      } catch {
        return "3000";
      }
    })();
  // Loopback, or the address in HOSTNAME when the server binds only that (standalone server.js):
  // the first that answers is where this instance's jobs are run.
  const listen = process.env.HOSTNAME?.trim();
  const bases = [
    `http://127.0.0.1:${port}`,
    ...(listen && !["0.0.0.0", "::", "localhost", "127.0.0.1"].includes(listen) ? [`http://${listen.includes(":") ? `[${listen}]` : listen}:${port}`] : []),
  ];
  let base = bases[0]!;
  const [{ startJobs, stopJobs }, { jobsSecret }] = await Promise.all([import("@/modules/jobs/queue"), import("@/modules/jobs/secret")]);
  const secret = jobsSecret();

  // register() must return before the server listens: start the queue once it answers.
  void (async () => {
    probe: for (let i = 0; i < 600; i++) {
      for (const candidate of bases) {
        try {
          await fetch(`${candidate}/api/jobs/ready`, { method: "HEAD", signal: AbortSignal.timeout(2_000) });
          base = candidate;
          break probe;
        } catch {}
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await startJobs(async (name, data, id) => {
      const res = await fetch(`${base}/api/jobs/${name}`, {
        method: "POST",
        headers: { "x-cron-secret": secret, "x-job-id": id, "content-type": "application/json" },
        body: JSON.stringify(data),
        signal: AbortSignal.timeout(30 * 60_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`POST /api/jobs/${name} answered ${res.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text) as unknown;
    });
    console.log(`[jobs] queue started (pid ${process.pid}, runs through ${base})`);
  })().catch((e: unknown) => console.error("[jobs] the job queue did not start:", e));

  process.once("SIGTERM", () => void stopJobs().catch(() => undefined));
}
