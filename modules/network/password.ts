// The network password hash: scrypt (node:crypto) with a per-user random salt, parameters
// stored in the hash so they can be raised later. Format: scrypt$N$r$p$<salt b64>$<hash b64>.
//
// A cost of ~70 ms per check is right for a password, but a RADIUS authorize must answer in a
// few milliseconds, and portals re-authenticate the same student many times a day. After one
// successful check, the (user, hash, password) triple is remembered for a short while as an
// HMAC under a key that exists only in this process's memory; a wrong password is always
// checked against scrypt, and changing the password changes the hash, so old entries die.
import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

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

// ── Short-lived memory of successful checks ───────────────────────────────────────────────

const CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX = 50_000;
const cacheKey = randomBytes(32);
const verified = new Map<string, number>();

function tag(userId: string, stored: string, password: string): string {
  return createHmac("sha256", cacheKey).update(userId).update("\0").update(stored).update("\0").update(password).digest("base64");
}

/** verifyNetworkPassword with the short-lived memory of successes described above. */
// eslint-disable-next-line no-restricted-syntax -- the memory of verified passwords lasts real minutes
export async function checkNetworkPassword(userId: string, password: string, stored: string, now = Date.now()): Promise<boolean> {
  const t = tag(userId, stored, password);
  const until = verified.get(t);
  if (until !== undefined) {
    if (until > now) return true;
    verified.delete(t);
  }
  const ok = await verifyNetworkPassword(password, stored);
  if (ok) {
    if (verified.size >= CACHE_MAX) {
      const oldest = verified.keys().next().value;
      if (oldest !== undefined) verified.delete(oldest);
    }
    verified.set(t, now + CACHE_TTL_MS);
  }
  return ok;
}

/** For tests: forget every remembered success. */
export function forgetVerifiedPasswords(): void {
  verified.clear();
}
