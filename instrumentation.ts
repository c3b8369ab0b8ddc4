// Next.js calls register() once when a server process starts. It starts two sweeps that the
// server runs against its own routes (through HTTP, because instrumentation is compiled apart
// from the server-only service modules):
// - payments self-healing every PAYMENTS_HEAL_INTERVAL_MS (0 = off): a payment whose
//   notification never came is still credited after a crash or restart;
// - the speed sweep every minute: a new month's quota or an expiring package changes a live
//   session's rate at once, though no RADIUS packet announces it.
//
// Production never guesses (decision 009): lib/env refuses a missing or demo-only setting, and a
// server that cannot load its settings exits here at start-up, printing the whole list, rather
// than answering its first request with an error.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  let env: typeof import("./lib/env").env;
  try {
    ({ env } = await import("./lib/env"));
  } catch (e) {
    console.error(`[campusnet] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  if (process.env.CAMPUSNET_MODE === "demo") console.warn("[campusnet] DEMO MODE: public development secrets, the sandbox gateway and the demo campus. Never for a real campus (npm start is production).");
  const g = globalThis as unknown as { campusnetSweeps?: boolean };
  if (g.campusnetSweeps) return;
  g.campusnetSweeps = true;
  const port = process.env.PORT ?? (() => {
    try {
      const u = new URL(env.NEXTAUTH_URL);
      return ["localhost", "127.0.0.1"].includes(u.hostname) ? u.port || "80" : "3000";
    } catch {
      return "3000";
    }
  })();
  const call = async (path: string, secret: string) => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { "x-cron-secret": secret }, signal: AbortSignal.timeout(60_000) });
      const text = await res.text();
      if (!res.ok) console.error(`[campusnet] ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    } catch {
      // the server is not listening yet (first seconds) or is shutting down
    }
  };
  const every = env.PAYMENTS_HEAL_INTERVAL_MS;
  if (every) {
    setTimeout(() => void call("/api/payments/heal", env.PAYMENTS_CRON_SECRET), Math.min(every, 5_000)).unref();
    setInterval(() => void call("/api/payments/heal", env.PAYMENTS_CRON_SECRET), every).unref();
  }
  setInterval(() => void call("/api/radius/sweep", env.RADIUS_SWEEP_SECRET), 60_000).unref();
}
