// The /admin overview's charts: GET /api/admin/dashboard?days=30|180 (admin.view). JSON; bytes and fen
// as strings (BigInt). Polled by the overview through TanStack Query (modules/dashboard/hooks).
import { requireAbility } from "@/lib/auth";
import { errorResponse, jsonResponse } from "@/lib/http";
import { campusDashboard, parseRange } from "@/modules/dashboard/service";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    await requireAbility("admin.view");
    const days = parseRange(new URL(req.url).searchParams.get("days"));
    return jsonResponse(await campusDashboard(days));
  } catch (e) {
    return errorResponse(e);
  }
}
