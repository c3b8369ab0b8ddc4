// CSV export of the filtered audit trail: GET /api/admin/audit/export?actor=&subject=&action=&from=&to= (audit.view).
// The body streams (modules/audit streamAuditCsv: batches by cursor, never the whole trail in memory).
import { requireAbility } from "@/lib/auth";
import { errorResponse } from "@/lib/http";
import { dayKey } from "@/lib/time";
import { now as clockNow } from "@/lib/clock";
import { auditFilterFromParams } from "@/modules/audit/schemas";
import { streamAuditCsv } from "@/modules/audit/service";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    const staff = await requireAbility("audit.view");
    // the whole filtered trail: a page cursor in the URL is not a filter
    const body = await streamAuditCsv(auditFilterFromParams(new URL(req.url).searchParams), staff);
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${dayKey(clockNow())}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
