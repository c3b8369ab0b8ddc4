import "server-only";
// The dedicated RADIUS HTTP server (decision 016): FreeRADIUS's rlm_rest calls it instead
// of the Next.js app, so the hot path shares its process with no page rendering, and it scales
// on its own (several may run against one database). It serves exactly /api/radius/authorize,
// /authenticate and /accounting through answerRadius (./http.ts), the same function the Next.js
// route handlers call, plus GET /healthz (the hot-path pool can reach PostgreSQL).
//
// Plain node:http, no Web Request/Response objects: the body is read as one string and the
// answer written directly. Keep-alive outlives rlm_rest's idle_timeout (60 s) so FreeRADIUS's
// pooled connections are not closed under it. close(): stop accepting, let every request in
// flight finish (an accounting answer waits for its commit), then send the CoAs those commits
// scheduled. The launcher (./server-main.ts) closes the database pool after that.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { settleSpeedSyncs } from "./coa.service";
import { settleDeviceLimits } from "./device-limit.service";
import { flushRejections } from "./rejections.service";
import { answerRadius, RADIUS_ANSWER_HEADERS, type RadiusEndpoint } from "./http";
import { sql } from "./sql.service";

const ENDPOINTS: Record<string, RadiusEndpoint> = {
  "/api/radius/authorize": "authorize",
  "/api/radius/authenticate": "authenticate",
  "/api/radius/accounting": "accounting",
};

/** rlm_rest bodies are a few hundred bytes; anything far larger is not FreeRADIUS. */
const MAX_BODY_BYTES = 64 * 1024;

export interface RadiusServer {
  url: string;
  port: number;
  /** Graceful stop: requests in flight are answered first; after `graceMs` the rest are cut. */
  close(opts?: { graceMs?: number }): Promise<void>;
}

async function healthy(): Promise<boolean> {
  try {
    await sql().$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

export function startRadiusServer(opts: { port?: number; host?: string } = {}): Promise<RadiusServer> {
  const host = opts.host ?? "127.0.0.1";
  let inFlight = 0;
  let closing = false;
  let drained: () => void = () => {};

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0]!;
    if (closing) res.setHeader("connection", "close");
    if (path === "/healthz" && (req.method === "GET" || req.method === "HEAD")) {
      if (closing) {
        res.writeHead(503, { "content-type": "text/plain" }).end("stopping\n");
        return;
      }
      void healthy().then((ok) =>
        res.writeHead(ok ? 200 : 503, { "content-type": "text/plain", "cache-control": "no-store" }).end(ok ? "ok\n" : "database unreachable\n"),
      );
      return;
    }
    const endpoint = req.method === "POST" ? ENDPOINTS[path] : undefined;
    if (!endpoint) {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    inFlight++;
    // "close" comes once: after the answer was sent, or when the client went away before it.
    res.once("close", () => {
      inFlight--;
      if (closing && inFlight === 0) drained();
    });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("error", () => {}); // a client that went away: "close" above settles the count
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        return;
      }
      const body = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
      answerRadius(endpoint, { header: (name) => headerValue(req.headers[name]), body })
        .then((answer) => {
          if (answer.body === null) res.writeHead(answer.status).end();
          else res.writeHead(answer.status, RADIUS_ANSWER_HEADERS).end(answer.body);
        })
        .catch((e) => {
          console.error("[radius-server]", e);
          res.writeHead(500).end();
        });
    });
  });
  // Longer than rlm_rest's pool idle_timeout (deploy/freeradius/mods-available/campusnet): the
  // client closes idle connections, never the server under a request in the making.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;

  const close = async ({ graceMs = 10_000 }: { graceMs?: number } = {}) => {
    if (closing) return;
    closing = true;
    const stopped = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    if (inFlight > 0) {
      const allAnswered = new Promise<void>((r) => (drained = r));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([allAnswered, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
    }
    server.closeAllConnections();
    await stopped;
    // what the answers left to do: device-limit sign-outs, speed changes, the rejections not yet written
    await settleDeviceLimits();
    await settleSpeedSyncs();
    await flushRejections();
  };

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(":") ? `[${host}]` : host;
      resolve({ url: `http://${urlHost}:${port}`, port, close });
    });
  });
}

function headerValue(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(", ") : v;
}
