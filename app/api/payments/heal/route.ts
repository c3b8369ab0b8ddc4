// The self-healing sweep, for a cron job or the chaos run: POST with header x-cron-secret.
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { errorResponse, jsonResponse } from "@/modules/payments/http";
import { healPendingOrders } from "@/modules/recharge/heal-service";

export const dynamic = "force-dynamic";

function secretOk(given: string | null): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(env.PAYMENTS_CRON_SECRET);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function POST(req: Request): Promise<Response> {
  if (!secretOk(req.headers.get("x-cron-secret"))) return jsonResponse({ code: "FORBIDDEN" }, { status: 403 });
  const url = new URL(req.url);
  const staleAfter = Number(url.searchParams.get("staleAfterMs"));
  try {
    const report = await healPendingOrders(Number.isSafeInteger(staleAfter) && staleAfter >= 0 ? { staleAfterMs: staleAfter } : {});
    return jsonResponse(report);
  } catch (e) {
    return errorResponse(e);
  }
}
