// A minimal Node HTTP server that serves /api/radius/* with the app's own route handlers
// (the exact exports of app/api/radius/*/route.ts), for the FreeRADIUS end-to-end test, the
// benchmark and the traffic simulator, which need the endpoints without a `next build`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { POST as accounting } from "@/app/api/radius/accounting/route";
import { POST as authenticate } from "@/app/api/radius/authenticate/route";
import { POST as authorize } from "@/app/api/radius/authorize/route";

const routes: Record<string, (req: Request) => Promise<Response>> = {
  "/api/radius/authorize": authorize,
  "/api/radius/authenticate": authenticate,
  "/api/radius/accounting": accounting,
};

export interface RouteServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startRouteServer(opts: { port?: number; host?: string } = {}): Promise<RouteServer> {
  const host = opts.host ?? "127.0.0.1";
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const handler = req.method === "POST" ? routes[path] : undefined;
      if (!handler) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://${host}${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) });
      handler(request)
        .then(async (response) => {
          const body = Buffer.from(await response.arrayBuffer());
          res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
          res.end(body);
        })
        .catch((e) => {
          console.error("[route-server]", e);
          res.writeHead(500).end();
        });
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
