import "server-only";
// The rlm_rest endpoints' HTTP layer: check the shared secret, parse, call the service, reply.
// The route files under app/api/radius/ are one line each on top of this; the dedicated RADIUS
// server (./server.ts, `npm run radius-server`) calls the same answerRadius.
//
// HTTP status → rlm_rest module code (authorize/authenticate): 200 ok/updated, 401 reject
// (the body's Reply-Message reaches the student), 403 userlock, 5xx fail. Accounting: 204 ok
// only after the commit; 5xx so the NAS retries. A wrong or missing secret gets 403: it is
// logged, and FreeRADIUS treats it as a failure, not as a wrong password.
import { newErrorId } from "@/lib/errors";
import { secretMatches } from "@/lib/http-secret";
import { PasswordCheckOverloaded } from "@/modules/network/password";
import { authorizeAccess } from "./authorize.service";
import { recordAccounting } from "./accounting.service";
import { buildRestReply, parseRestBody, RestBodyError } from "./codec";
import { radiusConfig } from "./config";
import { AccountingParseError, parseAccessRequest, parseAccounting } from "./packets";
import { now as clockNow, wallMs } from "@/lib/clock";
import { noteRejection } from "./rejections.service";

export type RadiusEndpoint = "authorize" | "authenticate" | "accounting";

/** What any HTTP server hands the endpoints: a header lookup (lower-case names) and the body. */
export interface RadiusCall {
  header(name: string): string | null;
  body: string;
}

/** The answer, for the HTTP server to write: no body for 204. */
export interface RadiusAnswer {
  status: number;
  body: string | null;
}

const json = (status: number, body: unknown): RadiusAnswer => ({ status, body: JSON.stringify(body) });

export const RADIUS_ANSWER_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } as const;

function secretOk(req: RadiusCall): boolean {
  const { sharedSecret, secretHeader } = radiusConfig();
  return secretMatches(req.header(secretHeader), sharedSecret);
}

let refusedLogged = 0;
function logRefused(req: RadiusCall, endpoint: RadiusEndpoint) {
  // Rate-limit the log line: a misconfigured FreeRADIUS sends thousands of these.
  const now = wallMs();
  if (now - refusedLogged < 10_000) return;
  refusedLogged = now;
  const who = req.header("x-forwarded-for") ?? req.header("x-real-ip") ?? "unknown address";
  const why = radiusConfig().sharedSecret ? `missing or wrong ${radiusConfig().secretHeader} header` : "RADIUS_SHARED_SECRET is not set";
  console.warn(`[radius] refused ${endpoint} request from ${who}: ${why}`);
}

function readBody(req: RadiusCall) {
  let raw: unknown;
  try {
    raw = JSON.parse(req.body);
  } catch {
    throw new RestBodyError("body is not JSON");
  }
  return parseRestBody(raw);
}

let overloadLogged = 0;
function failure(endpoint: RadiusEndpoint, e: unknown): RadiusAnswer {
  if (e instanceof RestBodyError || e instanceof AccountingParseError) {
    console.warn(`[radius] ${endpoint}: bad request: ${e.message}`);
    return json(400, { error: e.message });
  }
  if (e instanceof PasswordCheckOverloaded) {
    // FreeRADIUS stopped waiting for this one; the NAS asks again. One line per 10 s, not one per login.
    const now = wallMs();
    if (now - overloadLogged >= 10_000) {
      overloadLogged = now;
      console.warn(`[radius] ${endpoint}: password checks overloaded; logins that waited too long answered 503 (decision 016)`);
    }
    return json(503, { error: "overloaded" });
  }
  const errorId = newErrorId();
  console.error(`[radius] ${endpoint} failed (${errorId}):`, e);
  return json(503, { error: "temporarily unavailable", errorId });
}

/** One rlm_rest call, whatever serves HTTP: the Next.js route handlers and the RADIUS server (./server.ts). */
export async function answerRadius(endpoint: RadiusEndpoint, req: RadiusCall): Promise<RadiusAnswer> {
  if (!secretOk(req)) {
    logRefused(req, endpoint);
    return json(403, { error: "forbidden" });
  }
  try {
    const attrs = readBody(req);
    if (endpoint === "accounting") {
      const packet = parseAccounting(attrs);
      if (packet) await recordAccounting(packet);
      return { status: 204, body: null };
    }
    const access = parseAccessRequest(attrs);
    if (!access) throw new RestBodyError("User-Name missing");
    const decision = await authorizeAccess(access);
    if (!decision.accept) {
      // remembered here, written a moment later (./rejections.service.ts)
      noteRejection({
        userId: decision.userId ?? null,
        username: access.username,
        reason: decision.reason,
        mac: access.callingMac ?? access.usernameMac,
        nasIp: access.nasIp,
        at: clockNow(),
      });
      return json(401, buildRestReply({ "Reply-Message": decision.messages }));
    }
    return json(200, buildRestReply(decision.reply, endpoint === "authorize" ? { "Auth-Type": "Accept" } : {}));
  } catch (e) {
    return failure(endpoint, e);
  }
}

export async function handleRadius(endpoint: RadiusEndpoint, req: Request): Promise<Response> {
  const answer = await answerRadius(endpoint, { header: (name) => req.headers.get(name), body: await req.text() });
  return new Response(answer.body, { status: answer.status, headers: answer.body === null ? {} : RADIUS_ANSWER_HEADERS });
}

/** A route handler for one endpoint: `export const POST = radiusRoute("accounting")`. */
export function radiusRoute(endpoint: RadiusEndpoint) {
  return (req: Request) => handleRadius(endpoint, req);
}
