// One check for the routes a scheduler calls with a shared secret (POST /api/payments/heal,
// POST /api/radius/sweep): header x-cron-secret, compared in constant time. Both secrets are
// required in production (lib/env.ts); development and the demo use public defaults.
import { createHash, timingSafeEqual } from "node:crypto";

export const SECRET_HEADER = "x-cron-secret";

/** Whether `given` equals `expected`, in time that depends on neither value's length or content. */
export function secretMatches(given: string | null | undefined, expected: string | null | undefined): boolean {
  if (!given || !expected) return false;
  // Hashing first gives equal lengths, so the comparison leaks not even the secret's length.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Whether the request carries `expected` in the x-cron-secret header. */
export function requestHasSecret(req: Request, expected: string | null | undefined): boolean {
  return secretMatches(req.headers.get(SECRET_HEADER), expected);
}
