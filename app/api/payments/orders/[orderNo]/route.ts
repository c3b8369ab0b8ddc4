// Order status for the student's polling order page (TanStack Query): the creator or the
// account owner only; a stale unpaid order is checked with the gateway (rate-limited).
import { requireUser } from "@/lib/auth";
import { errorResponse, jsonResponse } from "@/modules/payments/http";
import { getOrderStatus } from "@/modules/recharge/heal-service";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ orderNo: string }> }): Promise<Response> {
  try {
    const user = await requireUser();
    const { orderNo } = await ctx.params;
    return jsonResponse(await getOrderStatus(orderNo, user.id));
  } catch (e) {
    return errorResponse(e);
  }
}
