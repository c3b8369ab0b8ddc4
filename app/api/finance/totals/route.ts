// Daily totals by channel as JSON: GET /api/finance/totals?day=YYYY-MM-DD (finance, admin).
import { requireAbility } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { dailyTotals } from "@/modules/finance/service";
import { isDayKey } from "@/lib/time";
import { errorResponse, jsonResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    await requireAbility("finance.view");
    const day = new URL(req.url).searchParams.get("day");
    if (!isDayKey(day)) throw new AppError("VALIDATION");
    return jsonResponse(await dailyTotals(day));
  } catch (e) {
    return errorResponse(e);
  }
}
