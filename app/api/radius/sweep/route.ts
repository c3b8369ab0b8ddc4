// Minute sweep for speed changes without a packet (new month, package expiry): POST with
// header x-cron-secret = RADIUS_SWEEP_SECRET, for a campus cron job (the app runs the same sweep as
// its speed-sweep job, modules/jobs).
import { env } from "@/lib/env";
import { requestHasSecret } from "@/lib/http-secret";
import { sweepSpeedTransitions } from "@/modules/radius/speed-sweep.service";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  if (!requestHasSecret(req, env.RADIUS_SWEEP_SECRET)) return Response.json({ code: "FORBIDDEN" }, { status: 403 });
  try {
    const r = await sweepSpeedTransitions();
    return Response.json({ since: r.since, monthChanged: r.monthChanged, users: r.users, changes: r.changes.length });
  } catch (e) {
    console.error("[radius] speed sweep failed:", e);
    return Response.json({ code: "INTERNAL" }, { status: 503 });
  }
}
