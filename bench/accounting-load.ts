// The accounting hot path's throughput in this process, without FreeRADIUS and HTTP: packets go
// through recordAccounting (the group commit the RADIUS server runs) against the database in
// DATABASE_URL. bench:history runs it on an empty database and on the seeded history in the
// same cluster and the same run, so the two figures differ only by what the history adds.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";

export interface AccountingFigure {
  packets: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * `students` students (made here, with a large free quota) each run sessions of Start, four
 * Interim-Updates 300 s apart and Stop; `packets` packets with `window` in flight. Uses the
 * database in `url`; the hot path's pool is opened for it and closed after.
 */
export async function accountingThroughput(url: string, opts: { packets: number; students: number; window: number; tag: string }): Promise<AccountingFigure> {
  process.env.DATABASE_URL = url;
  const { recordAccounting } = await import("@/modules/radius/accounting.service");
  const { closeSqlPool } = await import("@/modules/radius/sql.service");
  const { monthKey } = await import("@/lib/time");
  const { now } = await import("@/lib/clock");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const ids: string[] = [];
    const nos: string[] = [];
    for (let i = 0; i < opts.students; i++) {
      ids.push(randomUUID());
      nos.push(`acct-${opts.tag}-${i}`);
    }
    await c.query(`INSERT INTO "users" ("id", "studentNo", "name", "updatedAt") SELECT u, n, n, now() FROM unnest($1::uuid[], $2::text[]) AS v(u, n)`, [
      ids,
      nos,
    ]);
    await c.query(`INSERT INTO "monthly_quotas" ("userId", "month", "freeBytes") SELECT u, $2, 1125899906842624 FROM unnest($1::uuid[]) AS v(u)`, [
      ids,
      monthKey(now()),
    ]);

    const perSession = 6;
    const t0 = now().getTime() - perSession * 300_000;
    const sessions = Math.ceil(opts.packets / perSession);
    const active = Math.min(sessions, 500);
    const packets: Parameters<typeof recordAccounting>[0][] = [];
    for (let base = 0; base < sessions && packets.length < opts.packets; base += active) {
      for (let k = 0; k < perSession; k++) {
        for (let i = base; i < Math.min(base + active, sessions) && packets.length < opts.packets; i++) {
          const status = k === 0 ? "Start" : k === perSession - 1 ? "Stop" : "Interim-Update";
          packets.push({
            status,
            uniqueId: `${opts.tag}-${i}`,
            sessionId: `${opts.tag}-${i}`,
            username: nos[i % nos.length]!,
            nasIp: "127.0.0.1",
            nasIdentifier: null,
            framedIp: null,
            mac: `02:00:00:${((i >> 16) & 255).toString(16).padStart(2, "0")}:${((i >> 8) & 255).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`.toUpperCase(),
            inputOctets: BigInt(k) * 150_000_000n,
            outputOctets: BigInt(k) * 3_000_000_000n + BigInt(i),
            sessionTime: k * 300,
            at: new Date(t0 + k * 300_000),
            terminateCause: status === "Stop" ? "User-Request" : null,
          });
        }
      }
    }

    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < packets.length) {
        const p = packets[next++]!;
        const s = performance.now();
        await recordAccounting(p);
        latencies.push(performance.now() - s);
      }
    };
    await Promise.all(Array.from({ length: opts.window }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { packets: packets.length, seconds, perSecond: packets.length / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) };
  } finally {
    await c.end();
    await closeSqlPool();
  }
}
