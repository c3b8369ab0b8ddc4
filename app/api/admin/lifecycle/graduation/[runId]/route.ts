// The graduation settlement report of one run, per student, as CSV streamed page by page:
// GET /api/admin/lifecycle/graduation/<runId> (admin: lifecycle.bulk). Audited (export.csv).
import { requireAbility } from "@/lib/auth";
import { errorResponse } from "@/lib/http";
import { graduationReportStream } from "@/modules/lifecycle/service";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ runId: string }> }): Promise<Response> {
  try {
    const staff = await requireAbility("lifecycle.bulk");
    const { runId } = await ctx.params;
    const { filename, stream } = await graduationReportStream(staff, runId);
    return new Response(stream, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
