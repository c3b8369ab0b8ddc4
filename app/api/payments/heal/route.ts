// The self-healing sweep, for a cron job or the chaos run: POST with header x-cron-secret.
import { env } from "@/lib/env";
import { requestHasSecret } from "@/lib/http-secret";
import { errorResponse, jsonResponse } from "@/lib/http";
import { healPendingOrders } from "@/modules/healing/service";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  if (!requestHasSecret(req, env.PAYMENTS_CRON_SECRET)) return jsonResponse({ code: "FORBIDDEN" }, { status: 403 });
  const url = new URL(req.url);
  const staleAfter = Number(url.searchParams.get("staleAfterMs"));
  try {
    const report = await healPendingOrders(Number.isSafeInteger(staleAfter) && staleAfter >= 0 ? { staleAfterMs: staleAfter } : {});
    return jsonResponse(report);
  } catch (e) {
    return errorResponse(e);
  }
}
