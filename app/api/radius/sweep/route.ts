// Minute sweep for speed changes without a packet (new month, package expiry): POST with
// header x-cron-secret (called by instrumentation.ts, or by a campus cron job).
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { sweepSpeedTransitions } from "@/modules/radius/speed-sweep.service";

export const dynamic = "force-dynamic";

function secretOk(given: string | null): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(env.PAYMENTS_CRON_SECRET);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function POST(req: Request): Promise<Response> {
  if (!secretOk(req.headers.get("x-cron-secret"))) return Response.json({ code: "FORBIDDEN" }, { status: 403 });
  try {
    const r = await sweepSpeedTransitions();
    return Response.json({ since: r.since, monthChanged: r.monthChanged, users: r.users, changes: r.changes.length });
  } catch (e) {
    console.error("[radius] speed sweep failed:", e);
    return Response.json({ code: "INTERNAL" }, { status: 503 });
  }
}
