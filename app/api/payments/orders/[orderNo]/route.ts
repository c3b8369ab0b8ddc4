// Order status for the student's polling order page (TanStack Query): the creator or the
// account owner only; a stale unpaid order is checked with the gateway (rate-limited).
import { requireAbility } from "@/lib/auth";
import { errorResponse, jsonResponse } from "@/lib/http";
import { getOrderStatus } from "@/modules/healing/service";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ orderNo: string }> }): Promise<Response> {
  try {
    // Ownership: the service answers NOT_FOUND unless this user created the order or owns the account.
    const user = await requireAbility("self.service");
    const { orderNo } = await ctx.params;
    return jsonResponse(await getOrderStatus(orderNo, user.id));
  } catch (e) {
    return errorResponse(e);
  }
}
