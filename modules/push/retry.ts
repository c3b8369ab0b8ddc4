// What a delivery attempt's answer means (decision 023). Pure, so the rules are unit-tested:
//   2xx           sent
//   404, 410      the subscription is gone: delete it, never retry
//   413, 429, 5xx, no answer   retry later with backoff (429: the push service's Retry-After if longer)
//   other 4xx     a request the push service will never take (bad key, wrong VAPID): failed now
// After MAX_ATTEMPTS tries, or once the alert is older than MAX_AGE_MS, it is given up (FAILED).

export const MAX_ATTEMPTS = 6;
/** An alert not delivered within a day is stale; push services keep it this long too (TTL). */
export const MAX_AGE_MS = 24 * 3600_000;
/** Wait before try n+1 after n failed tries: 30 s, 2 min, 10 min, 30 min, 2 h. */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000] as const;

export type AttemptOutcome = { status: number; retryAfterSeconds?: number | null } | { status: null; error: string };

export type Decision =
  { state: "SENT" } | { state: "GONE" } | { state: "FAILED"; reason: string } | { state: "PENDING"; nextAttemptAt: Date; compact: boolean };

export function retryable(status: number | null): boolean {
  return status === null || status === 413 || status === 429 || status >= 500;
}

/**
 * After attempt number `attempts` (1 = the first) of an alert created at `createdAt`.
 * `compact`: the next try sends a shorter body (after a 413, payload too large).
 */
export function decideAfterAttempt(outcome: AttemptOutcome, attempts: number, createdAt: Date, now: Date): Decision {
  const status = outcome.status;
  if (status !== null && status >= 200 && status < 300) return { state: "SENT" };
  if (status === 404 || status === 410) return { state: "GONE" };
  if (!retryable(status)) return { state: "FAILED", reason: `push service answered ${status}` };
  if (attempts >= MAX_ATTEMPTS) return { state: "FAILED", reason: `gave up after ${attempts} tries` };
  let wait: number = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0];
  if (outcome.status === 429 && outcome.retryAfterSeconds && outcome.retryAfterSeconds > 0)
    wait = Math.max(wait, Math.min(outcome.retryAfterSeconds, 6 * 3600) * 1000);
  const next = new Date(now.getTime() + wait);
  if (next.getTime() - createdAt.getTime() > MAX_AGE_MS) return { state: "FAILED", reason: "too old to retry" };
  return { state: "PENDING", nextAttemptAt: next, compact: status === 413 };
}

/** Retry-After: seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined | null, now: Date): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d{1,7}$/.test(v.trim())) return Number(v.trim());
  // an HTTP date names its day and month ("Tue, 01 Dec 2026 08:02:00 GMT"); V8 would read "-5" or "1.5" as dates
  if (!/[A-Za-z]{3}/.test(v)) return null;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
