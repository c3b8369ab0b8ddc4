// Next.js calls register() once when a server process starts. It starts the payments
// self-healing timer: every PAYMENTS_HEAL_INTERVAL_MS (0 = off) the server calls its own
// POST /api/payments/heal, so a payment whose notification never came is still credited
// after a crash or restart. (Through the route, because instrumentation is compiled apart
// from the server-only service modules.)
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  const every = env.PAYMENTS_HEAL_INTERVAL_MS;
  const g = globalThis as unknown as { campusnetHealTimer?: ReturnType<typeof setInterval> };
  if (!every || g.campusnetHealTimer) return;
  const port = process.env.PORT ?? (() => {
    try {
      const u = new URL(env.NEXTAUTH_URL);
      return ["localhost", "127.0.0.1"].includes(u.hostname) ? u.port || "80" : "3000";
    } catch {
      return "3000";
    }
  })();
  const sweep = async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/payments/heal`, { method: "POST", headers: { "x-cron-secret": env.PAYMENTS_CRON_SECRET }, signal: AbortSignal.timeout(60_000) });
      const text = await res.text();
      if (!res.ok) console.error(`[campusnet] self-healing sweep answered ${res.status}: ${text.slice(0, 200)}`);
    } catch {
      // the server is not listening yet (first seconds) or is shutting down
    }
  };
  setTimeout(() => void sweep(), Math.min(every, 5_000)).unref();
  g.campusnetHealTimer = setInterval(() => void sweep(), every);
  g.campusnetHealTimer.unref();
}
