// The RADIUS server of production (modules/radius/server.ts, `npm run radius-server`) started
// inside this process on a free loopback port, for the FreeRADIUS end-to-end tests and the
// traffic simulator, which need the endpoints without a `next build`. The Next.js route
// handlers under app/api/radius/ call the same answerRadius (modules/radius/http.ts).
import { startRadiusServer } from "@/modules/radius/server";

export interface RouteServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startRouteServer(opts: { port?: number; host?: string } = {}): Promise<RouteServer> {
  const server = await startRadiusServer(opts);
  return { url: server.url, port: server.port, close: () => server.close({ graceMs: 2000 }) };
}
