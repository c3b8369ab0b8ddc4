// CSV of one table of the /admin overview: GET /api/admin/dashboard/export?table=…&days=30|180.
// admin.view; the top users (students' names) need users.view. Streamed, audited as export.csv.
import { requireAbility } from "@/lib/auth";
import { now as clockNow } from "@/lib/clock";
import { errorResponse } from "@/lib/http";
import { dayKey } from "@/lib/time";
import { parseExportTable, parseRange, streamDashboardCsv } from "@/modules/dashboard/service";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  try {
    const params = new URL(req.url).searchParams;
    let staff = await requireAbility("admin.view");
    const table = parseExportTable(params.get("table"));
    if (table === "top-users") staff = await requireAbility("users.view");
    const days = parseRange(params.get("days"));
    const now = clockNow();
    const body = await streamDashboardCsv(table, days, staff, now);
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="campus-${table}-${dayKey(now)}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
