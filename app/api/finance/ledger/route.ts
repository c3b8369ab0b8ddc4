// CSV export of a Shanghai day's ledger: GET /api/finance/ledger?day=YYYY-MM-DD (finance, admin).
import { requireAbility } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { ledgerCsv } from "@/modules/finance/service";
import { isDayKey } from "@/lib/time";
import { csvResponse, errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    const staff = await requireAbility("finance.view");
    const day = new URL(req.url).searchParams.get("day");
    if (!isDayKey(day)) throw new AppError("VALIDATION");
    const { filename, csv } = await ledgerCsv(day, staff);
    return csvResponse(filename, csv);
  } catch (e) {
    return errorResponse(e);
  }
}
