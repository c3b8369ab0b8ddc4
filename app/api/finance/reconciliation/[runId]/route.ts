// CSV export of a reconciliation run: GET /api/finance/reconciliation/<runId> (finance, admin).
import { requireAbility } from "@/lib/auth";
import { reconciliationCsv } from "@/modules/finance/reconcile.service";
import { csvResponse, errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ runId: string }> }): Promise<Response> {
  try {
    const staff = await requireAbility("finance.view");
    const { runId } = await ctx.params;
    const { filename, csv } = await reconciliationCsv(runId, staff);
    return csvResponse(filename, csv);
  } catch (e) {
    return errorResponse(e);
  }
}
