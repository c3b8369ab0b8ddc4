import "server-only";
// The guest pass on the RADIUS paths. Authorize: a `guest-<code>` login takes this branch before
// the student query (one query of its own). Accounting: guest sessions resolve to the issuer (who
// is charged through the usual quota path), and the pass's usedBytes grows by what each batch
// charged to its sessions; a pass past its data, revoked or expired has its visitors disconnected
// after the batch commits.
import { wallMs } from "@/lib/clock";
import { monthKey } from "@/lib/time";
import { checkNetworkPassword } from "@/modules/network/password";
import { getServicePolicyCached } from "@/modules/policy/service";
import { getPolicyCached, speedStateFrom, type SpeedStateRow } from "@/modules/quota/service";
import type { AuthDecision } from "@/modules/radius/authorize.service";
import { radiusConfig } from "@/modules/radius/config";
import { rejectMessages, type RejectReason } from "@/modules/radius/messages";
import type { AccessRequest } from "@/modules/radius/packets";
import { rateAttributes, rateFor, type Rate } from "@/modules/radius/rates";
import type { RawSql } from "@/modules/radius/sql.service";
import { guestCodeOf, guestPassState, guestRate } from "./rules";
import { disconnectGuestSessions } from "./service";

interface GuestRow {
  freeBytes: bigint | null;
  freeUsedBytes: bigint | null;
  quotaBytes: bigint | null;
  holdingUsedBytes: bigint | null;
  holdingExpiresAt: Date | null;
  state: string | null;
  passId: string;
  issuerId: string;
  pinHash: string;
  maxBytes: bigint;
  usedBytes: bigint;
  expiresAt: Date;
  revokedAt: Date | null;
  status: "ACTIVE" | "PAUSED" | "SUSPENDED" | "CLOSED";
}

function reject(reason: RejectReason): AuthDecision {
  return { accept: false, reason, messages: rejectMessages(reason) };
}

// Wrong PINs are counted per code in this process: past GUEST_PIN_FAILURES within the window
// the code answers "too many wrong PINs" without a check, which bounds guessing a 6-digit PIN.
export const GUEST_PIN_FAILURES = 10;
const PIN_WINDOW_MS = 15 * 60_000;
const pinFailures = new Map<string, { n: number; since: number }>();

function pinLocked(code: string, t: number): boolean {
  const f = pinFailures.get(code);
  if (f && t - f.since >= PIN_WINDOW_MS) pinFailures.delete(code);
  return (pinFailures.get(code)?.n ?? 0) >= GUEST_PIN_FAILURES;
}

function countPinFailure(code: string, t: number): void {
  const f = pinFailures.get(code);
  if (f) f.n += 1;
  else {
    if (pinFailures.size >= 10_000) pinFailures.clear();
    pinFailures.set(code, { n: 1, since: t });
  }
}

/** Tests: forget the counted wrong PINs. */
export function forgetGuestPinFailures(): void {
  pinFailures.clear();
}

/**
 * Authorize a `guest-<code>` login (the caller routes every name with the prefix here). Accepts at
 * the guest rate (never faster than the issuer's own rate now) with Session-Timeout = seconds
 * left; rejects with a plain reason.
 */
export async function authorizeGuest(client: RawSql, req: AccessRequest, now: Date): Promise<AuthDecision> {
  const code = guestCodeOf(req.username);
  if (!code) return reject("BAD_CREDENTIALS");
  if (req.password === undefined) return reject(req.hasChallengeAuth ? "UNSUPPORTED_AUTH" : "GUEST_WRONG_PIN");
  const [row] = await client.$queryRaw<GuestRow[]>`
    SELECT g."id"::text AS "passId", g."issuerId"::text AS "issuerId", g."pinHash", g."maxBytes", g."usedBytes", g."expiresAt", g."revokedAt",
           u."status"::text AS "status",
           q."freeBytes", q."freeUsedBytes", h."quotaBytes", h."usedBytes" AS "holdingUsedBytes", h."expiresAt" AS "holdingExpiresAt", h."state"::text AS "state"
    FROM "guest_passes" g
    JOIN "users" u ON u."id" = g."issuerId"
    LEFT JOIN "monthly_quotas" q ON q."userId" = u."id" AND q."month" = ${monthKey(now)}
    LEFT JOIN "package_holdings" h ON h."userId" = u."id" AND h."state" = 'ACTIVE'
    WHERE g."code" = ${code}`;
  if (!row) return reject("BAD_CREDENTIALS");

  const t = wallMs();
  if (pinLocked(code, t)) return reject("GUEST_PIN_LOCKED");
  if (!(await checkNetworkPassword(row.passId, req.password, row.pinHash))) {
    countPinFailure(code, t);
    return reject("GUEST_WRONG_PIN");
  }
  pinFailures.delete(code);

  const state = guestPassState(row, now);
  if (state === "REVOKED") return reject("GUEST_REVOKED");
  if (state === "EXPIRED") return reject("GUEST_EXPIRED");
  if (state === "USED_UP") return reject("GUEST_USED_UP");
  if (row.status === "PAUSED") return reject("GUEST_ISSUER_PAUSED");
  if (row.status === "SUSPENDED" || row.status === "CLOSED") return reject("GUEST_ISSUER_SUSPENDED");

  const [policy, service] = await Promise.all([getPolicyCached(client), getServicePolicyCached(client)]);
  const issuer: SpeedStateRow = {
    freeBytes: row.freeBytes,
    freeUsedBytes: row.freeUsedBytes,
    quotaBytes: row.quotaBytes,
    usedBytes: row.holdingUsedBytes,
    expiresAt: row.holdingExpiresAt,
    state: row.state,
  };
  const { speedMode } = speedStateFrom(issuer, policy, now);
  const own = rateFor(speedMode, policy);
  // A throttled student's visitor is throttled too: a pass is not a way around the quota.
  const rate: Rate = guestRate(own, service);
  const config = radiusConfig();
  const reply: Record<string, string | number | (string | number)[]> = {
    ...rateAttributes(rate, config.rateTemplate),
    "Session-Timeout": Math.max(1, Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000)),
  };
  if (config.interimInterval > 0) reply["Acct-Interim-Interval"] = config.interimInterval;
  return { accept: true, userId: row.issuerId, speedMode, rate, reply };
}

// ── Accounting ─────────────────────────────────────────────────────────────────────────────

/** username → the pass and its issuer, for the guest logins among these names (no query when there are none). */
export async function resolveGuestLogins(tx: RawSql, usernames: string[]): Promise<Map<string, { passId: string; issuerId: string }>> {
  const codeOf = new Map<string, string>();
  for (const n of usernames) {
    const c = guestCodeOf(n);
    if (c) codeOf.set(n, c);
  }
  if (codeOf.size === 0) return new Map();
  const rows = await tx.$queryRaw<{ code: string; passId: string; issuerId: string }[]>`
    SELECT "code", "id"::text AS "passId", "issuerId"::text AS "issuerId" FROM "guest_passes" WHERE "code" = ANY(${[...new Set(codeOf.values())]}::text[])`;
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const out = new Map<string, { passId: string; issuerId: string }>();
  for (const [n, c] of codeOf) {
    const r = byCode.get(c);
    if (r) out.set(n, { passId: r.passId, issuerId: r.issuerId });
  }
  return out;
}

/**
 * Add what a batch charged to guest sessions to their passes' usedBytes (one statement); returns
 * the passes whose visitors must go: past their data, revoked, or expired.
 */
export async function addGuestUsage(tx: RawSql, used: Map<string, bigint>, now: Date): Promise<{ id: string; issuerId: string }[]> {
  if (used.size === 0) return [];
  const ids = [...used.keys()].sort();
  return tx.$queryRaw<{ id: string; issuerId: string }[]>`
    WITH u AS (
      UPDATE "guest_passes" g SET "usedBytes" = g."usedBytes" + v.b
      FROM unnest(${ids}::uuid[], ${ids.map((id) => used.get(id)!)}::bigint[]) AS v(id, b)
      WHERE g."id" = v.id
      RETURNING g."id", g."issuerId", g."usedBytes", g."maxBytes", g."revokedAt", g."expiresAt"
    )
    SELECT "id"::text AS "id", "issuerId"::text AS "issuerId" FROM u WHERE "usedBytes" >= "maxBytes" OR "revokedAt" IS NOT NULL OR "expiresAt" <= ${now}`;
}

const cutoffs = new Set<Promise<unknown>>();

/** After commit: disconnect the visitors of these passes. Never throws; the promise is for tests. */
export function scheduleGuestCutoff(passes: { id: string; issuerId: string }[]): Promise<void> {
  const p: Promise<void> = disconnectGuestSessions(passes, "guest-pass-ended")
    .then(() => undefined)
    .catch((e) => console.error("[radius] guest pass cutoff failed:", e))
    .finally(() => cutoffs.delete(p));
  cutoffs.add(p);
  return p;
}

/** Tests: wait for the cutoffs on their way. */
export async function settleGuestCutoffs(): Promise<void> {
  while (cutoffs.size) await Promise.all([...cutoffs]);
}
