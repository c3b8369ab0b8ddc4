import "server-only";
// The log of Access-Rejects (radius_rejections), for "why couldn't I sign in?" and for staff.
// Written off the answer's path: answerRadius hands each reject to noteRejection, which only
// remembers it; a timer writes what piled up in one INSERT a second later. A retransmission
// burst (a NAS or a phone retrying the same wrong password hundreds of times) is one row per
// student (or user name) and reason per minute: coalesced here in memory, and across
// instances by the INSERT itself, which skips a row whose twin is less than a minute older.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import type { RejectReason } from "./messages";
import { sql } from "./sql.service";

export interface RejectionNote {
  userId: string | null;
  username: string;
  reason: RejectReason;
  mac: string | null;
  nasIp: string | null;
  at: Date;
}

/** One row per user (or user name) and reason within this window. */
export const REJECTION_COALESCE_MS = 60_000;
/** Rows kept, in days; older ones go in the usage-history job. */
export const REJECTION_RETENTION_DAYS = 90;
const FLUSH_DELAY_MS = 1_000;
/** At most this many rows wait for one flush; beyond it (a flood of made-up user names) they are counted and dropped. */
const MAX_PENDING = 2_000;
const MAX_REMEMBERED = 50_000;

const pending: RejectionNote[] = [];
const lastNoted = new Map<string, number>();
let timer: ReturnType<typeof setTimeout> | null = null;
let flushing: Promise<void> = Promise.resolve();
let dropped = 0;

const keyOf = (r: RejectionNote) => `${r.userId ?? `name:${r.username}`}|${r.reason}`;

/** Remember a reject to be written soon. Never throws, never waits: called on the answer's path. */
export function noteRejection(r: RejectionNote): void {
  const key = keyOf(r);
  const t = r.at.getTime();
  const last = lastNoted.get(key);
  if (last !== undefined && t >= last && t - last < REJECTION_COALESCE_MS) return;
  if (pending.length >= MAX_PENDING) {
    dropped += 1;
    return;
  }
  if (lastNoted.size >= MAX_REMEMBERED) lastNoted.clear();
  lastNoted.set(key, t);
  pending.push({ ...r, username: r.username.slice(0, 253) });
  if (!timer) {
    timer = setTimeout(() => void flushRejections(), FLUSH_DELAY_MS);
    timer.unref?.();
  }
}

async function write(rows: RejectionNote[]): Promise<void> {
  await sql().$executeRaw`
    INSERT INTO "radius_rejections" ("userId", "username", "reason", "mac", "nasIp", "at")
    SELECT v.u, v.n, v.r, v.m, v.i, v.a
    FROM unnest(${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.username)}::text[], ${rows.map((r) => r.reason)}::text[],
                ${rows.map((r) => r.mac)}::text[], ${rows.map((r) => r.nasIp)}::text[], ${rows.map((r) => r.at)}::timestamptz[]) AS v(u, n, r, m, i, a)
    WHERE NOT EXISTS (
      SELECT 1 FROM "radius_rejections" x
      WHERE x."reason" = v.r AND x."at" > v.a - interval '1 minute' AND x."at" <= v.a
        AND (CASE WHEN v.u IS NULL THEN x."userId" IS NULL AND x."username" = v.n ELSE x."userId" = v.u END))`;
}

/** Write what is waiting now (the timer calls it; tests and shutdown await it). Errors are logged, not thrown. */
export function flushRejections(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const rows = pending.splice(0);
  const lost = dropped;
  dropped = 0;
  flushing = flushing.then(async () => {
    if (lost) console.warn(`[radius] ${lost} rejections not logged: more than ${MAX_PENDING} waiting for one write`);
    if (rows.length === 0) return;
    try {
      await write(rows);
    } catch (e) {
      console.error(`[radius] writing ${rows.length} rejections failed:`, e);
    }
    // forget coalescing keys that can no longer match
    const horizon = Math.max(...rows.map((r) => r.at.getTime())) - REJECTION_COALESCE_MS;
    for (const [k, t] of lastNoted) if (t < horizon) lastNoted.delete(k);
  });
  return flushing;
}

/** For tests: forget the in-memory coalescing (another "instance"). */
export function forgetNotedRejections(): void {
  lastNoted.clear();
}

/** Delete rows older than the retention (the usage-history job). */
export async function pruneRadiusRejections(now = clockNow(), days = REJECTION_RETENTION_DAYS): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000);
  return db().$executeRaw`DELETE FROM "radius_rejections" WHERE "at" < ${before}`;
}

export interface RejectionView {
  id: string;
  reason: string;
  mac: string | null;
  at: Date;
}

/** A student's own last rejections, newest first. */
export async function listRecentRejections(userId: string, take = 20): Promise<RejectionView[]> {
  const rows = await db().radiusRejection.findMany({
    where: { userId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(take, 1), 100),
    select: { id: true, reason: true, mac: true, at: true },
  });
  return rows.map((r) => ({ ...r, id: r.id.toString() }));
}
