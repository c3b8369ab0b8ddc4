// Liveness and readiness for the reverse proxy, Docker's HEALTHCHECK and monitoring:
// 200 when this instance answers and reaches PostgreSQL, 503 when it cannot. Public on
// purpose, and it says nothing else (no version, no error text).
import { jsonResponse } from "@/lib/http";
import { databaseReachable } from "@/modules/health/service";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const ok = await databaseReachable();
  return jsonResponse({ status: ok ? "ok" : "unavailable" }, { status: ok ? 200 : 503 });
}
