// The rlm_rest JSON codec (FreeRADIUS 3.2, `body = json`): pure functions, no I/O.
//
// Request body: {"Attr-Name":{"type":"string","value":["…"]}, …}. Enumerated values arrive as
// names ("Interim-Update") unless the module sets `raw_value = yes` (then numbers); integers are
// JSON numbers (32-bit: octet totals need the gigawords); dates are formatted strings.
// Reply body: attribute names as keys ("reply:" is the default list, "control:Auth-Type" for
// the auth decision), each value {"op":":=","value":…,"do_xlat":false} — FreeRADIUS 3.2 expands
// %{…} in reply values unless do_xlat is false, and a student chooses their own user name.

export type RestScalar = string | number | boolean | null;

/** A parsed rlm_rest request: attribute lookups are case-insensitive. */
export class RadiusAttributes {
  private readonly map = new Map<string, RestScalar[]>();

  constructor(entries: Iterable<[string, RestScalar[]]> = []) {
    for (const [k, v] of entries) this.map.set(k.toLowerCase(), v);
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  all(name: string): RestScalar[] {
    return this.map.get(name.toLowerCase()) ?? [];
  }

  /** First value as a trimmed string; undefined when absent or empty. */
  str(name: string): string | undefined {
    const v = this.all(name)[0];
    if (v === undefined || v === null) return undefined;
    const s = String(v).trim();
    return s === "" ? undefined : s;
  }

  /** First value as a non-negative integer (JSON number or digits); undefined otherwise. */
  uint(name: string): bigint | undefined {
    const v = this.all(name)[0];
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) return BigInt(v);
    if (typeof v === "string" && /^\d+$/.test(v.trim())) return BigInt(v.trim());
    return undefined;
  }

  names(): string[] {
    return [...this.map.keys()];
  }
}

export class RestBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestBodyError";
  }
}

/** Parse an rlm_rest JSON request body. Accepts `{"value":[…]}` objects, bare arrays or scalars. */
export function parseRestBody(body: unknown): RadiusAttributes {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new RestBodyError("body must be a JSON object");
  const entries: [string, RestScalar[]][] = [];
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    let values: unknown;
    if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) values = (raw as { value?: unknown }).value;
    else values = raw;
    const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
    const scalars = list
      .filter((x): x is RestScalar => x === null || ["string", "number", "boolean"].includes(typeof x))
      .map((x) => (typeof x === "string" ? withoutNul(restUtf8(x)) : x));
    entries.push([name, scalars]);
  }
  return new RadiusAttributes(entries);
}

/**
 * PostgreSQL text cannot hold NUL: a string carrying one would fail the whole transaction, the
 * endpoint would answer 5xx and the NAS would retransmit the packet for ever. NUL becomes
 * U+FFFD, so such a name is simply nobody we know (recorded, never charged) and is answered.
 */
export function withoutNul(s: string): string {
  return s.includes("\u0000") ? s.replace(/\u0000/g, "\uFFFD") : s;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * rlm_rest (3.2) escapes every octet of a string attribute as its own character (\u00XX), so
 * the UTF-8 bytes of "网" arrive as "ç½\u0091". When every code point is ≤ 0xFF and those
 * octets form valid UTF-8, they are the NAS's UTF-8 text: decode them. Anything else (plain
 * ASCII, a string that is not UTF-8, text already decoded) is returned unchanged.
 */
export function restUtf8(s: string): string {
  let high = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) return s;
    if (c >= 0x80) high = true;
  }
  if (!high) return s;
  try {
    return utf8.decode(Buffer.from(s, "latin1"));
  } catch {
    return s;
  }
}

// ── Counters ───────────────────────────────────────────────────────────────────────────────

export const TWO_32 = 1n << 32n;

/**
 * A session's cumulative octet total: gigawords × 2^32 + octets. rlm_rest sends 32-bit
 * integers, so past 4 GiB the NAS carries the high part in Acct-*-Gigawords.
 */
export function octetTotal(octets: bigint | undefined, gigawords: bigint | undefined): bigint {
  return (gigawords ?? 0n) * TWO_32 + (octets ?? 0n);
}

/** What a new cumulative total adds to the last one seen: never negative (retransmission, reorder). */
export function counterDelta(last: bigint, next: bigint): bigint {
  return next > last ? next - last : 0n;
}

// ── Enumerations ───────────────────────────────────────────────────────────────────────────

export type AcctStatus = "Start" | "Stop" | "Interim-Update" | "Accounting-On" | "Accounting-Off";

const ACCT_STATUS_BY_NUMBER: Record<number, AcctStatus> = { 1: "Start", 2: "Stop", 3: "Interim-Update", 7: "Accounting-On", 8: "Accounting-Off" };
const ACCT_STATUS_BY_NAME: Record<string, AcctStatus> = {
  start: "Start",
  stop: "Stop",
  "interim-update": "Interim-Update",
  alive: "Interim-Update",
  "accounting-on": "Accounting-On",
  "accounting-off": "Accounting-Off",
};

/** Acct-Status-Type by name ("Interim-Update", the old "Alive") or number (raw_value = yes). null: another type. */
export function parseAcctStatus(v: RestScalar | undefined): AcctStatus | null {
  if (typeof v === "number") return ACCT_STATUS_BY_NUMBER[v] ?? null;
  if (typeof v === "string") {
    const s = v.trim();
    if (/^\d+$/.test(s)) return ACCT_STATUS_BY_NUMBER[Number(s)] ?? null;
    return ACCT_STATUS_BY_NAME[s.toLowerCase()] ?? null;
  }
  return null;
}

// ── MAC addresses ──────────────────────────────────────────────────────────────────────────

/**
 * Normalise a MAC in any common NAS spelling (aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff, AABBCCDDEEFF,
 * aa:bb:…) to AA:BB:CC:DD:EE:FF; null when it is not a MAC.
 */
export function normaliseMac(input: string | undefined | null): string | null {
  if (!input) return null;
  const s = input.trim();
  if (!/^[0-9A-Fa-f]{2}([-:.]?[0-9A-Fa-f]{2}){5}$/.test(s) && !/^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$/.test(s)) return null;
  const hex = s.replace(/[-:.]/g, "").toUpperCase();
  if (hex.length !== 12) return null;
  return hex.match(/../g)!.join(":");
}

// ── Event-Timestamp ────────────────────────────────────────────────────────────────────────

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
/** Zone abbreviations FreeRADIUS may print. CST is China Standard Time here (a campus in China). */
const ZONES: Record<string, number> = { UTC: 0, GMT: 0, Z: 0, CST: 8 * 60, HKT: 8 * 60, SGT: 8 * 60, JST: 9 * 60 };

/**
 * Event-Timestamp as rlm_rest sends it: FreeRADIUS's "%b %e %Y %H:%M:%S %Z" in the server's
 * time zone ("Nov 23 2026 15:04:05 UTC"), a number of seconds (raw_value = yes), or ISO 8601.
 * null when unparseable (the caller uses the receive time).
 */
export function parseEventTimestamp(v: RestScalar | undefined): Date | null {
  if (typeof v === "number") return Number.isFinite(v) && v > 0 ? new Date(v * 1000) : null;
  if (typeof v !== "string") return null;
  const s = v.trim();
  if (/^\d+$/.test(s)) return new Date(Number(s) * 1000);
  const m = /^([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s+([A-Za-z]+|[+-]\d{2}:?\d{2}))?$/.exec(s);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month === undefined) return null;
    let offsetMin = 0;
    const zone = m[7];
    if (zone) {
      const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
      if (numeric) offsetMin = (numeric[1] === "-" ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
      else if (zone.toUpperCase() in ZONES) offsetMin = ZONES[zone.toUpperCase()]!;
      else return null;
    }
    const utc = Date.UTC(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])) - offsetMin * 60_000;
    return new Date(utc);
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

// ── Reply ──────────────────────────────────────────────────────────────────────────────────

export type ReplyValue = string | number;
export interface RestReplyAttribute {
  op: ":=" | "+=";
  value: ReplyValue | ReplyValue[];
  do_xlat: false;
}
export type RestReply = Record<string, RestReplyAttribute>;

/**
 * Build an rlm_rest reply. Every value is sent with do_xlat false: nothing we answer is ever
 * expanded by FreeRADIUS. An array value becomes several attributes (op "+=").
 */
export function buildRestReply(reply: Record<string, ReplyValue | ReplyValue[] | undefined>, control: Record<string, ReplyValue | undefined> = {}): RestReply {
  const out: RestReply = {};
  for (const [name, value] of Object.entries(reply)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? { op: "+=", value, do_xlat: false } : { op: ":=", value, do_xlat: false };
  }
  for (const [name, value] of Object.entries(control)) {
    if (value === undefined) continue;
    out[`control:${name}`] = { op: ":=", value, do_xlat: false };
  }
  return out;
}

/** RADIUS strings are at most 253 octets: cut on a character boundary. */
export function radiusString(s: string, maxBytes = 253): string {
  const buf = Buffer.from(s, "utf8");
  if (buf.length <= maxBytes) return s;
  let out = "";
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch, "utf8");
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}
