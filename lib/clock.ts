// The one clock of the app: every rule that depends on the date (billing month, package
// expiry, order timeouts, alerts, sweeps, the seed) asks it, never `new Date()` or
// `Date.now()` directly, so tests and demos can run on any day.
//
// - CAMPUSNET_NOW (an ISO instant, e.g. 2026-12-01T00:30:00+08:00) starts the clock at that
//   instant when the process loads; it then runs on at wall-clock speed. For the dev and e2e
//   stacks and the demo; production refuses it (lib/env.ts).
// - CAMPUSNET_NOW_SINCE (optional, an ISO instant or epoch ms of the wall clock) says when the
//   clock read CAMPUSNET_NOW, so that processes started later (next start, test workers, the
//   simulator) run on the very same clock instead of each starting it at its own load time.
// - Tests call setClock / advanceClock / resetClock (a set clock stands still until moved).
// Stored instants stay UTC; lib/time turns them into Shanghai days and months.

interface ClockState {
  /** ms added to the wall clock (CAMPUSNET_NOW) */
  offsetMs: number;
  /** a fixed instant set by a test, or null */
  fixedMs: number | null;
}

const KEY = Symbol.for("campusnet.clock");
type WithClock = typeof globalThis & { [KEY]?: ClockState };

export function parseClockSetting(value: string | undefined, name = "CAMPUSNET_NOW"): number | null {
  if (!value || !value.trim()) return null;
  const v = value.trim();
  const ms = /^\d{10,}$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) throw new Error(`${name} is not a date-time: "${value}" (use ISO 8601, e.g. 2026-12-01T00:30:00+08:00)`);
  return ms;
}

/** The environment that makes other processes run on this process's clock (see CAMPUSNET_NOW_SINCE). */
export function clockEnvironment(): { CAMPUSNET_NOW: string; CAMPUSNET_NOW_SINCE: string } | Record<string, never> {
  if (!clockIsShifted()) return {};
  const s = state();
  const wall = Date.now();
  return { CAMPUSNET_NOW: new Date(s.fixedMs ?? wall + s.offsetMs).toISOString(), CAMPUSNET_NOW_SINCE: String(wall) };
}

function state(): ClockState {
  const g = globalThis as WithClock;
  if (!g[KEY]) {
    const start = parseClockSetting(process.env.CAMPUSNET_NOW);
    const since = start === null ? null : parseClockSetting(process.env.CAMPUSNET_NOW_SINCE, "CAMPUSNET_NOW_SINCE");
    g[KEY] = { offsetMs: start === null ? 0 : start - (since ?? Date.now()), fixedMs: null };
  }
  return g[KEY];
}

/**
 * The machine's own time, for what is not a rule and must not move with a set clock: how long
 * something took, a cache entry's age, throttling a log line, an id's uniqueness, and the payment
 * gateways' replay windows (they sign and check with real time). Rules read now() / nowMs().
 */
export function wallMs(): number {
  return Date.now();
}

/** The current instant in milliseconds since the epoch. */
export function nowMs(): number {
  const s = state();
  return s.fixedMs ?? Date.now() + s.offsetMs;
}

/** The current instant. */
export function now(): Date {
  return new Date(nowMs());
}

/** Whether the clock is not the wall clock (CAMPUSNET_NOW or a test set it). */
export function clockIsShifted(): boolean {
  const s = state();
  return s.fixedMs !== null || s.offsetMs !== 0;
}

/** Tests: stop the clock at `at`. */
export function setClock(at: Date | string | number): void {
  const ms = at instanceof Date ? at.getTime() : typeof at === "number" ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`setClock: not a date-time: ${String(at)}`);
  state().fixedMs = ms;
}

/** Tests: move a stopped clock (or the running offset) forward by `ms`. */
export function advanceClock(ms: number): void {
  const s = state();
  if (s.fixedMs !== null) s.fixedMs += ms;
  else s.offsetMs += ms;
}

/** Tests: back to CAMPUSNET_NOW's running clock (or the wall clock). */
export function resetClock(): void {
  const g = globalThis as WithClock;
  delete g[KEY];
}
