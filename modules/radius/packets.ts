// From rlm_rest attributes to the app's view of an Access-Request and an Accounting-Request.
// Pure: unit-tested in codec.test.ts.
import { createHash } from "node:crypto";
import { normaliseMac, octetTotal, parseAcctStatus, parseEventTimestamp, type AcctStatus, type RadiusAttributes } from "./codec";
import { now } from "@/lib/clock";

export interface AccessRequest {
  username: string;
  /** PAP password as FreeRADIUS decrypted it; absent for MAC authentication without one */
  password?: string;
  /** CHAP/MS-CHAP need the cleartext password, which we never keep */
  hasChallengeAuth: boolean;
  /** the username as a MAC (MAC authentication), when it is one */
  usernameMac: string | null;
  /** Calling-Station-Id, normalised */
  callingMac: string | null;
  nasIp: string | null;
}

export function parseAccessRequest(a: RadiusAttributes): AccessRequest | null {
  const username = a.str("User-Name");
  if (!username) return null;
  return {
    username,
    password: a.all("User-Password")[0] == null ? undefined : String(a.all("User-Password")[0]),
    hasChallengeAuth: a.has("CHAP-Password") || a.has("MS-CHAP-Challenge") || a.has("EAP-Message"),
    usernameMac: normaliseMac(username),
    callingMac: normaliseMac(a.str("Calling-Station-Id")),
    nasIp: a.str("NAS-IP-Address") ?? a.str("NAS-IPv6-Address") ?? a.str("Packet-Src-IP-Address") ?? null,
  };
}

export interface SessionPacket {
  status: Exclude<AcctStatus, "Accounting-On" | "Accounting-Off">;
  uniqueId: string;
  sessionId: string;
  username: string;
  nasIp: string;
  nasIdentifier: string | null;
  framedIp: string | null;
  mac: string | null;
  /** cumulative totals for the session: input = the student's upload, output = download */
  inputOctets: bigint;
  outputOctets: bigint;
  /** Acct-Session-Time, seconds */
  sessionTime: number | null;
  /** when the event happened (Event-Timestamp, else when we received it); never in the future */
  at: Date;
  terminateCause: string | null;
}

export interface NasPacket {
  status: "Accounting-On" | "Accounting-Off";
  nasIp: string;
  at: Date;
}

export type AccountingPacket = SessionPacket | NasPacket;

export class AccountingParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccountingParseError";
  }
}

const MAX_CLOCK_SKEW_MS = 60_000;

/** Parse an Accounting-Request. null: a status type we do not track (e.g. Failed, Tunnel-*). */
export function parseAccounting(a: RadiusAttributes, receivedAt = now()): AccountingPacket | null {
  if (!a.has("Acct-Status-Type")) throw new AccountingParseError("Acct-Status-Type missing");
  const status = parseAcctStatus(a.all("Acct-Status-Type")[0]);
  if (!status) return null;
  const nasIp = a.str("NAS-IP-Address") ?? a.str("NAS-IPv6-Address") ?? a.str("Packet-Src-IP-Address") ?? "0.0.0.0";
  const event = parseEventTimestamp(a.all("Event-Timestamp")[0] ?? undefined);
  const at = event && event.getTime() <= receivedAt.getTime() + MAX_CLOCK_SKEW_MS ? new Date(Math.min(event.getTime(), receivedAt.getTime())) : receivedAt;
  if (status === "Accounting-On" || status === "Accounting-Off") return { status, nasIp, at };

  const username = a.str("User-Name") ?? "";
  const sessionId = a.str("Acct-Session-Id") ?? "";
  const nasIdentifier = a.str("NAS-Identifier") ?? null;
  // FreeRADIUS's acct_unique policy sets this in preacct; recompute the same way if it did not.
  const uniqueId =
    a.str("Acct-Unique-Session-Id") ??
    createHash("md5")
      .update([username, sessionId, nasIp, nasIdentifier ?? "", a.str("NAS-Port-Id") ?? "", a.str("NAS-Port") ?? ""].join(","))
      .digest("hex");
  if (!sessionId && !a.str("Acct-Unique-Session-Id")) throw new AccountingParseError("Acct-Session-Id missing");
  const sessionTime = a.uint("Acct-Session-Time");
  return {
    status,
    uniqueId,
    sessionId,
    username,
    nasIp,
    nasIdentifier,
    framedIp: a.str("Framed-IP-Address") ?? a.str("Framed-IPv6-Address") ?? null,
    mac: normaliseMac(a.str("Calling-Station-Id")),
    inputOctets: octetTotal(a.uint("Acct-Input-Octets"), a.uint("Acct-Input-Gigawords")),
    outputOctets: octetTotal(a.uint("Acct-Output-Octets"), a.uint("Acct-Output-Gigawords")),
    sessionTime: sessionTime === undefined ? null : Number(sessionTime),
    at,
    terminateCause: status === "Stop" ? (a.str("Acct-Terminate-Cause") ?? null) : null,
  };
}
