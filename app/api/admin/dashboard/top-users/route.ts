// Top users by traffic this month: GET /api/admin/dashboard/top-users (users.view). It names students,
// so each read is audited (staff.read.dashboard); the overview fetches it on load and on demand, not on a timer.
import { requireAbility } from "@/lib/auth";
import { errorResponse, jsonResponse } from "@/lib/http";
import { topUsers } from "@/modules/dashboard/service";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const staff = await requireAbility("users.view");
    return jsonResponse(await topUsers(staff));
  } catch (e) {
    return errorResponse(e);
  }
}
