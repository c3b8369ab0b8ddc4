// Small helpers for route handlers: gateway replies, typed errors → status, CSV and JSON bodies.
import { isAppError } from "@/lib/errors";

/** A reply whose body and content type the caller chose (a payment gateway's notify answer). */
export interface RawReply {
  status: number;
  body: string;
  contentType: string;
}

export function replyResponse(reply: RawReply): Response {
  // 204 and friends carry no body.
  const empty = reply.status === 204 || reply.status === 304 || reply.body === "";
  return new Response(empty ? null : reply.body, { status: reply.status, headers: empty ? {} : { "Content-Type": reply.contentType } });
}

/** AppErrors from guards and services → JSON with the right status; anything else → 500 with an id. */
export function errorResponse(e: unknown): Response {
  if (isAppError(e)) {
    const status =
      e.code === "UNAUTHENTICATED"
        ? 401
        : e.code === "FORBIDDEN" || e.code === "ACCOUNT_SUSPENDED"
          ? 403
          : e.code === "NOT_FOUND"
            ? 404
            : e.code === "RATE_LIMITED"
              ? 429
              : 400;
    return Response.json({ code: e.code, params: e.params }, { status });
  }
  const errorId = Math.random().toString(36).slice(2, 10).toUpperCase();
  console.error(`[campusnet] route error ${errorId}:`, e);
  return Response.json({ code: "INTERNAL", errorId }, { status: 500 });
}

export function csvResponse(filename: string, csv: string): Response {
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** JSON with bigint fen as strings. */
export function jsonResponse(data: unknown, init?: ResponseInit): Response {
  return new Response(
    JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
    { ...init, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...(init?.headers ?? {}) } },
  );
}
