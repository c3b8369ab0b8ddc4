// `npm run radius-server`: the production entry point of the dedicated RADIUS server
// (./server.ts, decision 016). Production by default, like `next start`; it needs only
// DATABASE_URL and RADIUS_SHARED_SECRET (no OIDC: it serves no pages) and refuses to start,
// listing what is missing, otherwise. Listens on RADIUS_SERVER_HOST:RADIUS_SERVER_PORT
// (127.0.0.1:3100); SIGTERM / SIGINT stop it gracefully (requests in flight are answered).
import { declareRadiusProcess } from "@/lib/process-role";

declareRadiusProcess();
// Like `next start`: production unless told otherwise (CAMPUSNET_MODE=demo for the demo).
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";

try {
  const { env, currentMode } = await import("@/lib/env");
  const { startRadiusServer } = await import("./server");
  const { closeSqlPool } = await import("./sql.service");
  const server = await startRadiusServer({ host: env.RADIUS_SERVER_HOST, port: env.RADIUS_SERVER_PORT });
  console.log(`[radius-server] listening on ${server.url} (${currentMode()}); rlm_rest → ${server.url}/api/radius/*, health ${server.url}/healthz`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[radius-server] ${signal}: answering the requests in flight, then stopping`);
    void server
      .close()
      .then(closeSqlPool)
      .then(() => {
        console.log("[radius-server] stopped");
        process.exit(0);
      })
      .catch((e) => {
        console.error("[radius-server] unclean stop:", e);
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
} catch (e) {
  // EnvironmentError lists every missing setting at once (lib/env.ts); anything else is a start-up failure.
  console.error((e as Error)?.name === "EnvironmentError" ? (e as Error).message : e);
  process.exit(1);
}
