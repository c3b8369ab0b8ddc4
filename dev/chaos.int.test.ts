// The small chaos run for CI: the same worker as `npm run chaos`, against the route handlers
// in-process (no `next start`), on the integration database; the worker process is SIGKILLed
// mid-run and restarted, then self-healing and reconciliation run and the checks must hold.
import { afterAll, describe, expect, it } from "vitest";
import { runChaos } from "./chaos";

afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db().$disconnect();
});

describe("chaos (small, in CI)", () => {
  it("mixed money operations with a SIGKILL mid-run: every paid trade credited once, fen lost 0", async () => {
    const r = await runChaos({
      mode: "inproc",
      ops: Number(process.env.CHAOS_OPS ?? 800),
      kills: 1,
      concurrency: 6,
      students: 30,
      log: (m) => console.log(`[chaos] ${m}`),
    });
    expect(r.kills).toBe(1);
    expect(r.tally.unexpected).toEqual([]);
    // Overload (a transaction that could not start: nothing changed) must stay rare.
    const busy = Object.values(r.tally.kinds).reduce((s, k) => s + k.busy, 0);
    expect(busy).toBeLessThan(r.tally.ops * 0.02);
    expect(r.figures.fenLost).toBe(0);
    expect(r.figures.paid).toBeGreaterThan(50);
    expect(r.figures.creditedOnce).toBe(r.figures.paid);
    expect(r.ok).toBe(true);
  }, 300_000);
});
