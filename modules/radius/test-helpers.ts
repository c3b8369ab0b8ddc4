// Helpers for the RADIUS tests: rlm_rest bodies, calls into the real route handlers, a fake
// NAS that answers CoA/Disconnect (decoded with the npm `radius` package), unique loopback
// addresses so test files sharing one database never collide.
import dgram from "node:dgram";
import { randomBytes, randomUUID } from "node:crypto";
import radius from "radius";
import { afterAll, beforeAll } from "vitest";
import { ensureCatalogue } from "@/dev/factory";
import { db } from "@/lib/db";
import { resetClock, setClock, wallMs } from "@/lib/clock";
import { radiusSharedSecret } from "@/lib/env";
import { handleRadius, type RadiusEndpoint } from "./http";
import { loadDictionaries } from "./coa";
import { forgetNasCache, settleSpeedSyncs } from "./coa.service";

type Val = string | number;

/** An rlm_rest JSON body as FreeRADIUS 3.2 sends it. */
export function restBody(attrs: Record<string, Val | Val[] | undefined>): Record<string, { type: string; value: Val[] }> {
  const out: Record<string, { type: string; value: Val[] }> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    const values = Array.isArray(v) ? v : [v];
    out[k] = { type: typeof values[0] === "number" ? "integer" : "string", value: values };
  }
  return out;
}

export async function callRadius(endpoint: RadiusEndpoint, attrs: Record<string, Val | Val[] | undefined>, opts: { secret?: string | null } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const secret = opts.secret === undefined ? radiusSharedSecret() : opts.secret;
  if (secret !== null) headers["x-campusnet-radius-secret"] = secret!;
  const res = await handleRadius(
    endpoint,
    new Request(`http://test/api/radius/${endpoint}`, { method: "POST", headers, body: JSON.stringify(restBody(attrs)) }),
  );
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, { op: string; value: Val | Val[]; do_xlat: boolean }>) : null };
}

const GW = 1n << 32n;
/** Accounting attributes for cumulative totals (split into octets + gigawords like a NAS). */
export function acctAttrs(p: {
  status: string;
  user: string;
  session: string;
  nasIp?: string;
  mac?: string;
  ip?: string;
  input?: bigint;
  output?: bigint;
  at?: Date;
  /** Acct-Session-Time, seconds */
  sessionTime?: number;
  cause?: string;
}): Record<string, Val | undefined> {
  const input = p.input ?? 0n;
  const output = p.output ?? 0n;
  return {
    "Acct-Status-Type": p.status,
    "User-Name": p.user,
    "Acct-Session-Id": p.session,
    "Acct-Unique-Session-Id": `u-${p.nasIp ?? "10.255.0.1"}-${p.session}`,
    "NAS-IP-Address": p.nasIp ?? "10.255.0.1",
    "Calling-Station-Id": p.mac,
    "Framed-IP-Address": p.ip,
    "Acct-Input-Octets": Number(input % GW),
    "Acct-Input-Gigawords": Number(input / GW),
    "Acct-Output-Octets": Number(output % GW),
    "Acct-Output-Gigawords": Number(output / GW),
    "Event-Timestamp": p.at ? Math.floor(p.at.getTime() / 1000) : undefined,
    "Acct-Session-Time": p.sessionTime,
    "Acct-Terminate-Cause": p.cause,
  };
}

export const uniqueSession = () => randomUUID().slice(0, 13);

/** A random MAC (locally administered, unicast). */
export function randomMac(): string {
  const b = randomBytes(6);
  b[0] = (b[0]! & 0xfc) | 0x02;
  return [...b].map((x) => x.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

/** A loopback address no other test uses (127.x.y.z is all loopback on Linux). */
export function uniqueLoopback(): string {
  const b = randomBytes(3);
  return `127.${(b[0]! % 250) + 2}.${b[1]}.${(b[2]! % 250) + 2}`;
}

export interface ReceivedChange {
  code: string;
  attributes: Record<string, unknown>;
}

/** A NAS that answers CoA-Request / Disconnect-Request: "ack", "nak" or "silent" per kind. */
export async function startFakeNas(opts: { host: string; secret: string; coa?: "ack" | "nak" | "silent"; disconnect?: "ack" | "nak" | "silent" }) {
  loadDictionaries();
  const received: ReceivedChange[] = [];
  const waiters: (() => void)[] = [];
  const socket = dgram.createSocket("udp4");
  const mode = { coa: opts.coa ?? "ack", disconnect: opts.disconnect ?? "ack" };
  socket.on("message", (msg, rinfo) => {
    let decoded;
    try {
      decoded = radius.decode({ packet: msg, secret: opts.secret });
    } catch {
      return;
    }
    received.push({ code: decoded.code, attributes: decoded.attributes });
    for (const w of waiters.splice(0)) w();
    const answer = decoded.code === "CoA-Request" ? mode.coa : mode.disconnect;
    if (answer === "silent") return;
    const base = decoded.code === "CoA-Request" ? "CoA" : "Disconnect";
    const code = answer === "ack" ? `${base}-ACK` : `${base}-NAK`;
    const reply = radius.encode_response({ packet: decoded, code, secret: opts.secret, attributes: answer === "nak" ? [["Error-Cause", 503]] : [] });
    socket.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((res) => socket.bind(0, opts.host, () => res()));
  const port = socket.address().port;
  return {
    host: opts.host,
    port,
    received,
    mode,
    /** wait until `n` requests have arrived (or the timeout) */
    async waitFor(n: number, timeoutMs = 5000): Promise<ReceivedChange[]> {
      // a real wait: the machine's time, not the (possibly set) clock
      const deadline = wallMs() + timeoutMs;
      while (received.length < n && wallMs() < deadline) await new Promise<void>((r) => (waiters.push(r), setTimeout(r, 50)));
      return received;
    },
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

type FakeNas = Awaited<ReturnType<typeof startFakeNas>>;
const openNases: FakeNas[] = [];

/**
 * A fake NAS on a loopback address of its own, registered as a NAS client with its CoA port
 * (the NAS cache forgotten, so the next CoA finds it). A file that uses it calls fakeNasHooks().
 */
export async function registeredFakeNas(opts: { secret: string; coa?: "ack" | "nak" | "silent"; disconnect?: "ack" | "nak" | "silent" }): Promise<FakeNas> {
  const host = uniqueLoopback();
  const nas = await startFakeNas({ ...opts, host });
  openNases.push(nas);
  await db().nasClient.create({ data: { name: `fake NAS ${host}`, ipAddress: host, secret: opts.secret, coaPort: nas.port } });
  forgetNasCache();
  return nas;
}

/** The file's hooks: the package catalogue before its tests; speed changes still on their way settled, and every registered fake NAS closed, after them. */
export function fakeNasHooks() {
  beforeAll(async () => {
    await ensureCatalogue(db());
  });
  afterAll(async () => {
    await settleSpeedSyncs();
    for (const nas of openNases.splice(0)) await nas.close();
  });
}

/**
 * The hooks of a file that sends accounting on a set clock: the clock set to `at` (if given) and the
 * package catalogue made before its tests; speed changes still on their way settled and the clock
 * reset after them.
 */
export function radiusClockHooks(at?: Date) {
  beforeAll(async () => {
    if (at) setClock(at);
    await ensureCatalogue(db());
  });
  afterAll(async () => {
    await settleSpeedSyncs();
    resetClock();
  });
}

/** The vendor attribute values inside a decoded packet's Vendor-Specific. */
export function vendorAttrs(attrs: Record<string, unknown>): Record<string, unknown> {
  const vs = attrs["Vendor-Specific"];
  if (!vs) return {};
  return Array.isArray(vs) ? Object.assign({}, ...vs) : (vs as Record<string, unknown>);
}
