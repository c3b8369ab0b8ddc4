// The network password hash: scrypt (node:crypto) with a per-user random salt, parameters
// stored in the hash so they can be changed later. Format: scrypt$N$r$p$<salt b64>$<hash b64>.
//
// Cost: N=2^10, r=8, p=1 (1 MiB, ~2 ms), not the 2^15 (~70 ms) of a web password: a morning
// burst of 1,000 first logins must be answered within FreeRADIUS's timeout on a small
// server, and this password already travels as PAP to every NAS (decision 016). Hashes
// made with other parameters still verify; needsRehash says so and the authorize path rewrites
// them after a successful check.
//
// Portals re-authenticate the same student many times a day: after one successful check, the
// (user, hash, password) triple is remembered for a short while as an HMAC under a key that
// exists only in this process's memory; a wrong password is always checked against scrypt,
// and changing the password (in any process) changes the stored hash, so old entries die.
//
// Checks that miss the memory go through a bounded queue: at most a few scrypt at a time,
// retransmissions of a login in progress share its check, and a check that waited longer than
// FreeRADIUS waits for its answer is not started at all (PasswordCheckOverloaded → 503):
// under a storm the CPU goes to logins someone still waits for.
import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { availableParallelism } from "node:os";
import { wallMs } from "@/lib/clock";

const N = 1 << 10;
const R = 8;
const P = 1;
const KEYLEN = 32;
/** The parameters new hashes get, as they appear in the stored hash. */
export const NETWORK_HASH_PREFIX = `scrypt$${N}$${R}$${P}$`;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const maxmem = (n: number, r: number) => 128 * n * r * 2;

export async function hashNetworkPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, KEYLEN, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Constant-time check against a stored hash; false for a malformed hash. */
export async function verifyNetworkPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 1 << 20) return false;
  const salt = Buffer.from(parts[4]!, "base64");
  const expected = Buffer.from(parts[5]!, "base64");
  if (expected.length < 16) return false;
  const key = await scrypt(password.normalize("NFKC"), salt, expected.length, { N: n, r, p, maxmem: maxmem(n, r) });
  return timingSafeEqual(key, expected);
}

/** Whether a stored hash was made with other parameters than new ones get (decision 016). */
export function needsRehash(stored: string): boolean {
  return stored.startsWith("scrypt$") && !stored.startsWith(NETWORK_HASH_PREFIX);
}

// ── Bounded queue of checks ────────────────────────────────────────────────────────────────

/** Thrown when a check waited longer than FreeRADIUS waits for the answer: nobody is left to tell. */
export class PasswordCheckOverloaded extends Error {
  constructor() {
    super("password checks overloaded: the check waited past the RADIUS deadline");
    this.name = "PasswordCheckOverloaded";
  }
}

/** rlm_rest's authorize timeout is 3 s (deploy/freeradius/mods-available/campusnet); leave room for the rest of the answer. */
let queueDeadlineMs = 2500;
/** Tests: a shorter wait before a queued check is given up (undefined: back to 2.5 s). */
export function setPasswordQueueDeadline(ms?: number): void {
  queueDeadlineMs = ms ?? 2500;
}
export const CONCURRENT_CHECKS = Math.max(1, availableParallelism());
const waiting: { start: () => void; fail: (e: Error) => void; queuedAt: number }[] = [];
let checking = 0;
/** checks in progress by (user, hash, password) tag: a retransmitted login shares the check */
const inProgress = new Map<string, Promise<boolean>>();

function nextCheck(): void {
  while (checking < CONCURRENT_CHECKS && waiting.length > 0) {
    const w = waiting.shift()!;
    if (performance.now() - w.queuedAt > queueDeadlineMs) {
      w.fail(new PasswordCheckOverloaded());
      continue;
    }
    checking++;
    w.start();
  }
}

async function queuedVerify(password: string, stored: string): Promise<boolean> {
  await new Promise<void>((start, fail) => {
    waiting.push({ start, fail, queuedAt: performance.now() });
    nextCheck();
  });
  try {
    return await verifyNetworkPassword(password, stored);
  } finally {
    checking--;
    nextCheck();
  }
}

// ── Short-lived memory of successful checks ───────────────────────────────────────────────

const CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX = 50_000;
const cacheKey = randomBytes(32);
const verified = new Map<string, number>();

function tag(userId: string, stored: string, password: string): string {
  return createHmac("sha256", cacheKey).update(userId).update("\0").update(stored).update("\0").update(password).digest("base64");
}

/** verifyNetworkPassword with the short-lived memory of successes described above. */
export async function checkNetworkPassword(userId: string, password: string, stored: string, now = wallMs()): Promise<boolean> {
  const t = tag(userId, stored, password);
  const until = verified.get(t);
  if (until !== undefined) {
    if (until > now) return true;
    verified.delete(t);
  }
  let check = inProgress.get(t);
  if (!check) {
    check = queuedVerify(password, stored).finally(() => inProgress.delete(t));
    inProgress.set(t, check);
  }
  const ok = await check;
  if (ok) remember(t, now);
  return ok;
}

function remember(t: string, now: number): void {
  if (verified.size >= CACHE_MAX) {
    const oldest = verified.keys().next().value;
    if (oldest !== undefined) verified.delete(oldest);
  }
  verified.set(t, now + CACHE_TTL_MS);
}

/** After a rehash (the caller stored `stored` for this user): its next login needs no check. */
export function rememberVerifiedPassword(userId: string, password: string, stored: string, now = wallMs()): void {
  remember(tag(userId, stored, password), now);
}

/** For tests: forget every remembered success. */
export function forgetVerifiedPasswords(): void {
  verified.clear();
}
