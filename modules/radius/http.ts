import "server-only";
// The rlm_rest endpoints' HTTP layer: check the shared secret, parse, call the service, reply.
// The route files under app/api/radius/ are one line each on top of this.
//
// HTTP status → rlm_rest module code (authorize/authenticate): 200 ok/updated, 401 reject
// (the body's Reply-Message reaches the student), 403 userlock, 5xx fail. Accounting: 204 ok
// only after the commit; 5xx so the NAS retries. A wrong or missing secret gets 403: it is
// logged, and FreeRADIUS treats it as a failure, not as a wrong password.
import { newErrorId } from "@/lib/errors";
import { secretMatches } from "@/lib/http-secret";
import { authorizeAccess } from "./authorize.service";
import { recordAccounting } from "./accounting.service";
import { buildRestReply, parseRestBody, RestBodyError } from "./codec";
import { radiusConfig } from "./config";
import { AccountingParseError, parseAccessRequest, parseAccounting } from "./packets";

export type RadiusEndpoint = "authorize" | "authenticate" | "accounting";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });

function secretOk(req: Request): boolean {
  const { sharedSecret, secretHeader } = radiusConfig();
  return secretMatches(req.headers.get(secretHeader), sharedSecret);
}

let refusedLogged = 0;
function logRefused(req: Request, endpoint: RadiusEndpoint) {
  // Rate-limit the log line: a misconfigured FreeRADIUS sends thousands of these.
  // eslint-disable-next-line no-restricted-syntax -- throttles a log line
  const now = Date.now();
  if (now - refusedLogged < 10_000) return;
  refusedLogged = now;
  const who = req.headers.get("x-forwarded-for") ?? req.headers.get("x-real-ip") ?? "unknown address";
  const why = radiusConfig().sharedSecret ? `missing or wrong ${radiusConfig().secretHeader} header` : "RADIUS_SHARED_SECRET is not set";
  console.warn(`[radius] refused ${endpoint} request from ${who}: ${why}`);
}

async function readBody(req: Request) {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new RestBodyError("body is not JSON");
  }
  return parseRestBody(raw);
}

function failure(endpoint: RadiusEndpoint, e: unknown): Response {
  if (e instanceof RestBodyError || e instanceof AccountingParseError) {
    console.warn(`[radius] ${endpoint}: bad request: ${e.message}`);
    return json(400, { error: e.message });
  }
  const errorId = newErrorId();
  console.error(`[radius] ${endpoint} failed (${errorId}):`, e);
  return json(503, { error: "temporarily unavailable", errorId });
}

export async function handleRadius(endpoint: RadiusEndpoint, req: Request): Promise<Response> {
  if (!secretOk(req)) {
    logRefused(req, endpoint);
    return json(403, { error: "forbidden" });
  }
  try {
    const attrs = await readBody(req);
    if (endpoint === "accounting") {
      const packet = parseAccounting(attrs);
      if (packet) await recordAccounting(packet);
      return new Response(null, { status: 204 });
    }
    const access = parseAccessRequest(attrs);
    if (!access) throw new RestBodyError("User-Name missing");
    const decision = await authorizeAccess(access);
    if (!decision.accept) return json(401, buildRestReply({ "Reply-Message": decision.messages }));
    return json(200, buildRestReply(decision.reply, endpoint === "authorize" ? { "Auth-Type": "Accept" } : {}));
  } catch (e) {
    return failure(endpoint, e);
  }
}

/** A route handler for one endpoint: `export const POST = radiusRoute("accounting")`. */
export function radiusRoute(endpoint: RadiusEndpoint) {
  return (req: Request) => handleRadius(endpoint, req);
}
