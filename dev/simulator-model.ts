// Pure parts of the demo traffic simulator (dev/simulator.ts): deterministic devices, the
// campus day/night rhythm on a compressed clock, how much a device moves per second, RADIUS
// counter splitting and the rlm_rest body. No I/O: unit-tested in simulator-model.test.ts.
import { createHmac } from "node:crypto";
import { shanghaiWall } from "../lib/time";
import { GiB as GiB_BYTES, MiB as MiB_BYTES } from "../lib/units";

export const GIGAWORD = 1n << 32n;
/** The byte units as floats: the simulator's rates are fractional bytes per second. */
export const GiB = Number(GiB_BYTES);
export const MiB = Number(MiB_BYTES);

/** Small deterministic PRNG (the demo looks the same on every machine for one seed). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a stable 32-bit number for a string. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A RADIUS 64-bit counter as the NAS sends it: octets (low 32 bits) and gigawords (the rest). */
export function splitOctets(total: bigint): { octets: number; gigawords: number } {
  if (total < 0n) throw new RangeError("counter must not be negative");
  return { octets: Number(total % GIGAWORD), gigawords: Number(total / GIGAWORD) };
}

// ── Time ──────────────────────────────────────────────────────────────────────────────────

/**
 * The simulated clock: it starts at the real time and runs `speedup` times faster, so the
 * campus rhythm (night, morning, evening peak) visibly moves during a demo.
 */
export function simulatedTime(realStart: number, realNow: number, speedup: number): Date {
  return new Date(realStart + (realNow - realStart) * speedup);
}

/** Hour of the day (fractional, 0–24) and weekday (0 = Sunday) in Asia/Shanghai. */
export function shanghaiClock(at: Date): { hour: number; weekday: number } {
  const s = shanghaiWall(at);
  return { hour: s.getUTCHours() + s.getUTCMinutes() / 60, weekday: s.getUTCDay() };
}

// Share of a campus's devices online by hour (Shanghai): asleep at 4 am, classes in the day,
// the dormitory evening peak around 22:00, lights-out after midnight.
const ONLINE_BY_HOUR = [
  0.34, 0.22, 0.13, 0.08, 0.06, 0.06, 0.1, 0.22, 0.34, 0.4, 0.42, 0.45, 0.55, 0.5, 0.44, 0.44, 0.46, 0.5, 0.58, 0.66, 0.74, 0.8, 0.82, 0.62,
];
// How hard an online device is used, by hour (video in the evening, quiet messaging at night).
const INTENSITY_BY_HOUR = [0.9, 0.7, 0.5, 0.35, 0.3, 0.3, 0.4, 0.6, 0.7, 0.75, 0.75, 0.8, 1.0, 0.9, 0.8, 0.8, 0.85, 0.95, 1.1, 1.25, 1.4, 1.5, 1.45, 1.15];

function interpolate(table: number[], hour: number): number {
  const h = ((hour % 24) + 24) % 24;
  const i = Math.floor(h);
  const f = h - i;
  return table[i]! * (1 - f) + table[(i + 1) % 24]! * f;
}

/** The share of devices online at this hour; weekends are busier in the day. */
export function onlineShare(hour: number, weekday: number): number {
  const base = interpolate(ONLINE_BY_HOUR, hour);
  const weekend = weekday === 0 || weekday === 6;
  return Math.min(0.92, weekend && hour >= 9 && hour < 18 ? base * 1.3 : base);
}

export function usageIntensity(hour: number): number {
  return interpolate(INTENSITY_BY_HOUR, hour);
}

/**
 * Per-tick start probability that keeps `share` of the devices online when sessions end with
 * probability `stopP` per tick (the equilibrium of a two-state chain: p / (p + q) = share).
 */
export function startProbability(share: number, stopP: number): number {
  const s = Math.min(0.95, Math.max(0.01, share));
  return Math.min(1, (stopP * s) / (1 - s));
}

/** Per-tick stop probability for sessions that last `meanMs` on average (exponential). */
export function stopProbability(tickMs: number, meanMs: number): number {
  return 1 - Math.exp(-tickMs / Math.max(meanMs, tickMs));
}

// ── People and devices ───────────────────────────────────────────────────────────────────

export type DeviceKind = "phone" | "laptop" | "tablet";

export interface SimDeviceSpec {
  kind: DeviceKind;
  mac: string;
  ip: string;
}

const OUIS: Record<DeviceKind, string[]> = {
  phone: ["F0:18:98", "88:28:B3", "64:09:80", "A4:3D:78", "D4:C9:4B", "2C:4D:54"],
  laptop: ["3C:A9:F4", "A4:83:E7", "54:EE:75", "00:E0:4C", "F8:FF:C2", "80:32:53"],
  tablet: ["F0:18:98", "88:28:B3", "64:09:80"],
};

const hex2 = (n: number) => (n & 0xff).toString(16).padStart(2, "0").toUpperCase();

/**
 * The devices of one student, stable across runs: a phone, usually a laptop, sometimes a
 * tablet. Half the phones use a randomised (locally administered) MAC, as phones do. IPs are
 * campus 10.x addresses used as data only: nothing is ever sent to them.
 */
export function devicesFor(studentNo: string, seed = 1): SimDeviceSpec[] {
  const rand = mulberry32(hash32(`${seed}:${studentNo}`));
  const kinds: DeviceKind[] = ["phone"];
  if (rand() < 0.78) kinds.push("laptop");
  if (rand() < 0.15) kinds.push("tablet");
  const dorm = 16 + Math.floor(rand() * 48);
  const floor = Math.floor(rand() * 250);
  return kinds.map((kind, i) => {
    const randomised = kind === "phone" && rand() < 0.5;
    const oui = OUIS[kind][Math.floor(rand() * OUIS[kind].length)]!;
    const tail = [rand(), rand(), rand()].map((x) => hex2(Math.floor(x * 256)));
    const mac = randomised
      ? [hex2((Math.floor(rand() * 64) << 2) | 0x02), hex2(Math.floor(rand() * 256)), hex2(Math.floor(rand() * 256)), ...tail].join(":")
      : `${oui}:${tail.join(":")}`;
    return { kind, mac, ip: `10.${dorm}.${floor}.${2 + ((hash32(studentNo) + i * 37) % 250)}` };
  });
}

/** How much a student uses on an ordinary day, GiB (log-normal, like the demo seed). */
export function dailyGiB(studentNo: string, seed = 1): number {
  const rand = mulberry32(hash32(`daily:${seed}:${studentNo}`));
  const n = Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
  return Math.min(6, Math.exp(Math.log(0.55) + 0.75 * n));
}

const KIND_SHARE: Record<DeviceKind, number> = { phone: 0.35, laptop: 0.55, tablet: 0.1 };
/** Hours a student's devices are online on an ordinary day, summed over devices. */
const ONLINE_HOURS_PER_DAY = 6;

/**
 * Bytes per REAL second an online device moves: the student's daily habit spread over the
 * hours they are online, shaped by the hour, times `speedup` (time compression).
 */
export function demandBytesPerSecond(opts: { dailyGiB: number; kind: DeviceKind; hour: number; speedup: number; noise?: number }): number {
  const perSimSecond = (opts.dailyGiB * GiB * KIND_SHARE[opts.kind] * 2) / (ONLINE_HOURS_PER_DAY * 3600);
  return perSimSecond * usageIntensity(opts.hour) * opts.speedup * (opts.noise ?? 1);
}

/** Upload share of a device's traffic (phones post photos, laptops mostly download). */
export function uploadShare(kind: DeviceKind): number {
  return kind === "phone" ? 0.12 : kind === "laptop" ? 0.08 : 0.06;
}

/** The throttled cap in bytes per real second: the NAS's rate, compressed like everything else. */
export function rateCapBytesPerSecond(downKbps: number, speedup: number): number {
  return (downKbps * 1024 * speedup) / 8;
}

/** The network password the simulator's devices "remember" for a student (8–64 ASCII, letter + digit). */
export function simulatorPassword(studentNo: string, key: string): string {
  return `Sim${createHmac("sha256", key).update(studentNo).digest("hex").slice(0, 16)}9`;
}

const TERMINATE_CAUSES: [string, number][] = [
  ["User-Request", 0.55],
  ["Lost-Carrier", 0.2],
  ["Idle-Timeout", 0.18],
  ["Session-Timeout", 0.04],
  ["NAS-Request", 0.03],
];
/** Why a session ended on its own, weighted like a campus WLAN. */
export function pickTerminateCause(r: number): string {
  let acc = 0;
  for (const [cause, w] of TERMINATE_CAUSES) {
    acc += w;
    if (r < acc) return cause;
  }
  return "User-Request";
}

// ── rlm_rest ─────────────────────────────────────────────────────────────────────────────

type Val = string | number;

/** An rlm_rest JSON request body as FreeRADIUS 3.2 sends it. */
export function restBody(attrs: Record<string, Val | undefined>): Record<string, { type: string; value: Val[] }> {
  const out: Record<string, { type: string; value: Val[] }> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    out[k] = { type: typeof v === "number" ? "integer" : "string", value: [v] };
  }
  return out;
}

/** Accounting attributes with 64-bit counters split into octets + gigawords. */
export function accountingAttributes(p: {
  status: "Start" | "Interim-Update" | "Stop" | "Accounting-On" | "Accounting-Off";
  nasIp: string;
  user?: string;
  sessionId?: string;
  uniqueId?: string;
  mac?: string;
  ip?: string;
  input?: bigint;
  output?: bigint;
  sessionTime?: number;
  at: Date;
  cause?: string;
}): Record<string, Val | undefined> {
  const attrs: Record<string, Val | undefined> = {
    "Acct-Status-Type": p.status,
    "NAS-IP-Address": p.nasIp,
    "NAS-Identifier": "campusnet-simulator",
    "Event-Timestamp": Math.floor(p.at.getTime() / 1000),
  };
  if (p.status === "Accounting-On" || p.status === "Accounting-Off") return attrs;
  const input = splitOctets(p.input ?? 0n);
  const output = splitOctets(p.output ?? 0n);
  return {
    ...attrs,
    "User-Name": p.user,
    "Acct-Session-Id": p.sessionId,
    "Acct-Unique-Session-Id": p.uniqueId,
    "Calling-Station-Id": p.mac?.replace(/:/g, "-"),
    "Framed-IP-Address": p.ip,
    "NAS-Port-Type": "Wireless-802.11",
    "Acct-Input-Octets": input.octets,
    "Acct-Input-Gigawords": input.gigawords,
    "Acct-Output-Octets": output.octets,
    "Acct-Output-Gigawords": output.gigawords,
    "Acct-Session-Time": p.sessionTime,
    "Acct-Terminate-Cause": p.status === "Stop" ? p.cause : undefined,
  };
}

/** The download rate (bit/s) in an authorize reply or a CoA, from WISPr or Mikrotik-Rate-Limit ("1M/2M" = up/down). */
export function downBpsFromAttributes(attrs: Record<string, unknown>): number | null {
  const wispr = attrs["WISPr-Bandwidth-Max-Down"];
  const n = Number(Array.isArray(wispr) ? wispr[0] : wispr);
  if (Number.isFinite(n) && n > 0) return n;
  const mk = attrs["Mikrotik-Rate-Limit"];
  const m = /^\s*[\d.]+[kKmM]?\/([\d.]+)([kKmM]?)/.exec(String(Array.isArray(mk) ? mk[0] : (mk ?? "")));
  if (!m) return null;
  const unit = m[2]!.toLowerCase() === "m" ? 1024 * 1024 : m[2]!.toLowerCase() === "k" ? 1024 : 1;
  return Number(m[1]) * unit;
}

/** An rlm_rest reply ({attr: {op, value}}) flattened to {attr: value}. */
export function flattenRestReply(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof body !== "object" || body === null) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    out[k.replace(/^reply:/, "")] = typeof v === "object" && v !== null && "value" in v ? (v as { value: unknown }).value : v;
  }
  return out;
}

/** "1.2 GB" for the log line (binary units). */
export function humanBytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(1)} GB`;
  if (n >= MiB) return `${(n / MiB).toFixed(0)} MB`;
  return `${Math.round(n / 1024)} KB`;
}
