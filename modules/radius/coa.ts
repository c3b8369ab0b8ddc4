// RFC 5176 Change-of-Authorization and Disconnect over UDP with the npm `radius` package
// (encode, response authenticator check, decode). No database here: coa.service.ts decides
// what to send and records the outcome.
import dgram from "node:dgram";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isIPv6 } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import radius from "radius";
import { env } from "@/lib/env";
import { wallMs } from "@/lib/clock";

// The vendor attributes the default rate profile uses (numbers from the vendors' RADIUS
// dictionaries, as shipped with FreeRADIUS). Written to a temporary file because the library
// loads dictionaries from paths, and a bundled app has no stable path of its own.
const VENDOR_DICTIONARY = `
VENDOR WISPr 14122
BEGIN-VENDOR WISPr
ATTRIBUTE WISPr-Location-ID 1 string
ATTRIBUTE WISPr-Location-Name 2 string
ATTRIBUTE WISPr-Logoff-URL 3 string
ATTRIBUTE WISPr-Redirection-URL 4 string
ATTRIBUTE WISPr-Bandwidth-Min-Up 5 integer
ATTRIBUTE WISPr-Bandwidth-Min-Down 6 integer
ATTRIBUTE WISPr-Bandwidth-Max-Up 7 integer
ATTRIBUTE WISPr-Bandwidth-Max-Down 8 integer
ATTRIBUTE WISPr-Session-Terminate-Time 9 string
ATTRIBUTE WISPr-Session-Terminate-End-Of-Day 10 string
ATTRIBUTE WISPr-Billing-Class-Of-Service 11 string
END-VENDOR WISPr
VENDOR Mikrotik 14988
BEGIN-VENDOR Mikrotik
ATTRIBUTE Mikrotik-Group 3 string
ATTRIBUTE Mikrotik-Rate-Limit 8 string
ATTRIBUTE Mikrotik-Realm 9 string
ATTRIBUTE Mikrotik-Address-List 19 string
END-VENDOR Mikrotik
`;

let vendors: Map<string, string> | null = null;

function vendorNames(text: string): string[] {
  return [...text.matchAll(/^\s*VENDOR\s+(\S+)\s+\d+/gm)].map((m) => m[1]!);
}

/** Load the dictionaries once: the library's RFC set, our vendor set, and RADIUS_DICTIONARIES. */
export function loadDictionaries(extra: string[] = env.RADIUS_DICTIONARIES.split(",")): void {
  if (vendors) return;
  const dir = mkdtempSync(path.join(tmpdir(), "campusnet-radius-dict-"));
  const file = path.join(dir, "dictionary.campusnet");
  writeFileSync(file, VENDOR_DICTIONARY);
  radius.add_dictionary(file);
  const names = new Set(vendorNames(VENDOR_DICTIONARY));
  for (const p of extra.map((s) => s.trim()).filter(Boolean)) {
    if (!existsSync(p)) {
      console.warn(`[radius] dictionary ${p} not found; skipped`);
      continue;
    }
    radius.add_dictionary(p);
    try {
      for (const v of vendorNames(readFileSync(p, "latin1"))) names.add(v);
    } catch {}
  }
  // The library loads lazily; force it now (errors show at once, and the temporary file can go).
  try {
    (radius as unknown as { load_dictionaries(): void }).load_dictionaries();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  vendors = new Map();
  const lib = radius as unknown as { vendor_name_to_id(n: string): string | undefined };
  for (const n of names) {
    const id = lib.vendor_name_to_id(n);
    if (id !== undefined) vendors.set(n, id);
  }
}

type AttrList = unknown[];

/** Turn {name: value} into the library's attribute list, wrapping vendor attributes in Vendor-Specific. */
export function toAttributeList(attrs: [string, string | number][]): AttrList {
  loadDictionaries();
  const lib = radius as unknown as { attr_name_to_id(n: string, vendor?: string): string | undefined };
  const out: AttrList = [];
  for (const [name, value] of attrs) {
    if (lib.attr_name_to_id(name) !== undefined) {
      out.push([name, value]);
      continue;
    }
    let found = false;
    for (const [vendorName, id] of vendors!) {
      if (lib.attr_name_to_id(name, id) !== undefined) {
        out.push(["Vendor-Specific", vendorName, [[name, value]]]);
        found = true;
        break;
      }
    }
    if (!found) throw new Error(`no RADIUS dictionary defines ${name} (add one with RADIUS_DICTIONARIES)`);
  }
  return out;
}

export type ChangeKind = "COA" | "DISCONNECT";
export type ChangeResult = "ACK" | "NAK" | "TIMEOUT" | "ERROR";

export interface ChangeOutcome {
  result: ChangeResult;
  error?: string;
  /** Error-Cause of a NAK, when the NAS gave one */
  errorCause?: string | number;
  ms: number;
}

export interface ChangeRequest {
  host: string;
  port: number;
  secret: string;
  kind: ChangeKind;
  attributes: [string, string | number][];
  /** per try; the packet is sent twice (RFC 5176 retransmission with the same identifier) */
  timeoutMs?: number;
  tries?: number;
}

/** Send one CoA-Request or Disconnect-Request and wait for its verified answer. */
export function sendChange(req: ChangeRequest): Promise<ChangeOutcome> {
  const started = wallMs();
  const timeoutMs = req.timeoutMs ?? 500;
  const tries = req.tries ?? 2;
  const code = req.kind === "COA" ? "CoA-Request" : "Disconnect-Request";
  let packet: Buffer;
  try {
    packet = radius.encode({ code, secret: req.secret, identifier: Math.floor(Math.random() * 256), attributes: toAttributeList(req.attributes) });
  } catch (e) {
    return Promise.resolve({ result: "ERROR", error: `encode: ${(e as Error).message}`, ms: 0 });
  }
  return new Promise((resolve) => {
    const socket = dgram.createSocket(isIPv6(req.host) ? "udp6" : "udp4");
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (o: Omit<ChangeOutcome, "ms">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve({ ...o, ms: wallMs() - started });
    };
    const send = () => {
      if (sent >= tries) return finish({ result: "TIMEOUT", error: `no answer from ${req.host}:${req.port} after ${tries} tries` });
      sent += 1;
      socket.send(packet, req.port, req.host, (err) => {
        if (err) finish({ result: "ERROR", error: `send: ${err.message}` });
      });
      timer = setTimeout(send, timeoutMs);
    };
    socket.on("error", (err) => finish({ result: "ERROR", error: err.message }));
    socket.on("message", (msg) => {
      if (!radius.verify_response({ request: packet, response: msg, secret: req.secret })) return; // forged or wrong secret: keep waiting
      let decoded;
      try {
        decoded = radius.decode({ packet: msg, secret: req.secret });
      } catch (e) {
        return finish({ result: "ERROR", error: `decode: ${(e as Error).message}` });
      }
      if (decoded.code === "CoA-ACK" || decoded.code === "Disconnect-ACK") return finish({ result: "ACK" });
      if (decoded.code === "CoA-NAK" || decoded.code === "Disconnect-NAK") {
        const cause = decoded.attributes["Error-Cause"] as string | number | undefined;
        return finish({ result: "NAK", error: cause !== undefined ? `Error-Cause ${cause}` : undefined, errorCause: cause });
      }
      finish({ result: "ERROR", error: `unexpected answer ${decoded.code}` });
    });
    socket.bind(0, () => send());
  });
}
