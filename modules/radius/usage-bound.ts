// What one accounting packet may add (decision 008): pure, unit-tested in usage-bound.test.ts.
//
// A NAS reports cumulative totals; we charge new − last. A packet whose increase is more than
// the session could have carried since its last accepted packet — the fastest rate the app
// hands out × the elapsed seconds × a generous margin, plus slack — or whose totals do not fit
// PostgreSQL's bigint is impossible: it is recorded as an anomaly, never charged.

/** PostgreSQL bigint: the largest total a session, a day or a quota counter can hold. */
export const MAX_COUNTER = (1n << 63n) - 1n;

/** Default factor over the rate limit (radius config: RADIUS_ACCT_RATE_MARGIN). */
export const DEFAULT_RATE_MARGIN = 4;

/**
 * Allowed on top of the rate bound, per direction: packets without an Event-Timestamp carry
 * the receive time, and a NAS may burst above its shaper for a moment. 64 MiB is five seconds at the margin of a 100 Mbit/s profile; the impossible
 * packets seen in the field claim petabytes.
 */
export const SLACK_BYTES = 64n * 1024n * 1024n;

/**
 * A session's first packet when its Start was never seen and it carries no Acct-Session-Time:
 * we cannot know how long it had been running, so it may claim up to a day at the bound.
 */
export const UNKNOWN_START_SECONDS = 86_400;

export type AnomalyKind = "IMPOSSIBLE_DELTA" | "COUNTER_OVERFLOW";

/**
 * Bytes one direction may add in `seconds` at `kbps` (1 kbit = 1024 bit, as the rate
 * attributes). One second more than measured: Event-Timestamp counts whole seconds.
 */
export function deltaBound(kbps: number, seconds: number, margin: number): bigint {
  const secs = Math.max(0, Math.ceil(seconds)) + 1;
  const bytesPerSecond = BigInt(Math.max(0, Math.ceil((kbps * 1024 * margin) / 8)));
  const bound = bytesPerSecond * BigInt(secs) + SLACK_BYTES;
  return bound > MAX_COUNTER ? MAX_COUNTER : bound;
}

export interface Totals {
  input: bigint;
  output: bigint;
}

/** null: the packet's increase over `last` is possible; otherwise why it is not. */
export function impossibleDelta(last: Totals, next: Totals, bound: bigint): AnomalyKind | null {
  if (next.input > MAX_COUNTER || next.output > MAX_COUNTER || next.input < 0n || next.output < 0n) return "COUNTER_OVERFLOW";
  if (next.input - last.input > bound || next.output - last.output > bound) return "IMPOSSIBLE_DELTA";
  return null;
}

/** What the packet claimed above the last totals, clamped to what a bigint column holds. */
export function claimedBytes(last: Totals, next: Totals): bigint {
  const up = next.input > last.input ? next.input - last.input : 0n;
  const down = next.output > last.output ? next.output - last.output : 0n;
  const sum = up + down;
  return sum > MAX_COUNTER ? MAX_COUNTER : sum;
}
