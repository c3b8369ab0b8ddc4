// One run of a scheduled job, for the job worker of this same instance (modules/jobs/queue.ts via
// instrumentation.ts, which cannot import the server-only services; decision 013). POST with
// header x-cron-secret = the derived jobs secret (modules/jobs/secret.ts); anyone else gets 403.
import { requestHasSecret } from "@/lib/http-secret";
import { JOB_HANDLERS } from "@/modules/jobs/handlers.service";
import { isJobName } from "@/modules/jobs/schedule";
import { jobsSecret } from "@/modules/jobs/secret";

export const dynamic = "force-dynamic";

export async function POST(req: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  if (!requestHasSecret(req, jobsSecret())) return Response.json({ code: "FORBIDDEN" }, { status: 403 });
  const { name } = await ctx.params;
  if (!isJobName(name)) return Response.json({ code: "NOT_FOUND" }, { status: 404 });
  const started = performance.now();
  try {
    const result = await JOB_HANDLERS[name]();
    // One line per run: with several instances, which one ran it (dev/instances.ts counts these).
    console.log(`[jobs] ran ${name} ${req.headers.get("x-job-id") ?? "-"} in ${Math.round(performance.now() - started)} ms`);
    return Response.json({ result, pid: process.pid, port: process.env.PORT ?? null, ms: Math.round(performance.now() - started) });
  } catch (e) {
    console.error(`[jobs] ${name} failed:`, e);
    return Response.json({ code: "JOB_FAILED", message: e instanceof Error ? e.message : String(e) }, { status: 500 });
  }
}
