import { randomBytes, scryptSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  checkNetworkPassword,
  CONCURRENT_CHECKS,
  forgetVerifiedPasswords,
  hashNetworkPassword,
  needsRehash,
  PasswordCheckOverloaded,
  setPasswordQueueDeadline,
  verifyNetworkPassword,
} from "./password";
import { macSchema, networkPasswordSchema, setNetworkPasswordSchema } from "./schemas";

describe("network password hash", () => {
  it("salts each hash and verifies only the right password", async () => {
    const a = await hashNetworkPassword("Campus2026");
    const b = await hashNetworkPassword("Campus2026");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyNetworkPassword("Campus2026", a)).toBe(true);
    expect(await verifyNetworkPassword("Campus2027", a)).toBe(false);
    expect(await verifyNetworkPassword("Campus2026", "plain")).toBe(false);
    expect(await verifyNetworkPassword("Campus2026", "scrypt$99999999$8$1$AA==$AA==")).toBe(false);
  });

  it("remembers a success briefly, never a failure, and not across a new hash", async () => {
    forgetVerifiedPasswords();
    const h = await hashNetworkPassword("Remember1");
    expect(await checkNetworkPassword("u1", "Remember1", h)).toBe(true);
    const t = performance.now();
    expect(await checkNetworkPassword("u1", "Remember1", h)).toBe(true);
    expect(performance.now() - t).toBeLessThan(5);
    expect(await checkNetworkPassword("u1", "Remember2", h)).toBe(false);
    expect(await checkNetworkPassword("u2", "Remember1", h)).toBe(true); // same hash string, other user: checked again, still right
    const h2 = await hashNetworkPassword("Changed22");
    expect(await checkNetworkPassword("u1", "Remember1", h2)).toBe(false);
    expect(await checkNetworkPassword("u1", "Remember1", h, Date.now() + 11 * 60_000)).toBe(true); // expired entry: scrypt again
  });
});

describe("network schemas", () => {
  it("states the password rules", () => {
    expect(networkPasswordSchema.safeParse("abc12345").success).toBe(true);
    expect(networkPasswordSchema.safeParse("abcdefgh").error?.issues[0]?.message).toBe("needs_digit");
    expect(networkPasswordSchema.safeParse("12345678").error?.issues[0]?.message).toBe("needs_letter");
    expect(networkPasswordSchema.safeParse("ab1").error?.issues[0]?.message).toBe("too_short");
    expect(networkPasswordSchema.safeParse("a1" + "x".repeat(63)).error?.issues[0]?.message).toBe("too_long");
    expect(networkPasswordSchema.safeParse("密码abc12345").success).toBe(false);
    expect(setNetworkPasswordSchema.safeParse({ password: "abc12345", confirm: "abc12346" }).error?.issues[0]?.path).toEqual(["confirm"]);
  });

  it("normalises MACs and refuses group and zero addresses", () => {
    expect(macSchema.parse("aa-bb-cc-dd-ee-ff".replace("aa", "a8"))).toBe("A8:BB:CC:DD:EE:FF");
    expect(macSchema.safeParse("01:00:5e:00:00:01").success).toBe(false);
    expect(macSchema.safeParse("00:00:00:00:00:00").success).toBe(false);
    expect(macSchema.safeParse("hello").success).toBe(false);
  });
});

/** A hash as an older release (or another cost) stored it. */
function hashWith(password: string, n: number): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: n, r: 8, p: 1, maxmem: 256 * n * 8 });
  return `scrypt$${n}$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
}

describe("network password cost and the queue of checks", () => {
  afterEach(() => setPasswordQueueDeadline());

  it("verifies hashes made with other parameters and flags them for a rehash; new hashes are not flagged", async () => {
    const old = hashWith("Older2025", 1 << 14);
    expect(await verifyNetworkPassword("Older2025", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashNetworkPassword("Newer2026"))).toBe(false);
    expect(needsRehash("not-a-hash")).toBe(false);
  });

  it("gives up checks that waited past the deadline instead of computing answers nobody waits for", async () => {
    forgetVerifiedPasswords();
    const slow = hashWith("Storm2026", 1 << 14); // tens of milliseconds each
    setPasswordQueueDeadline(5);
    const results = await Promise.allSettled(Array.from({ length: CONCURRENT_CHECKS + 3 }, (_, i) => checkNetworkPassword(`storm-${i}`, "Storm2026", slow)));
    expect(results.slice(0, CONCURRENT_CHECKS).map((r) => r.status === "fulfilled" && r.value)).toEqual(Array(CONCURRENT_CHECKS).fill(true));
    for (const r of results.slice(CONCURRENT_CHECKS)) expect(r.status === "rejected" && r.reason).toBeInstanceOf(PasswordCheckOverloaded);
  });

  it("lets retransmissions of one login share its check", async () => {
    forgetVerifiedPasswords();
    const slow = hashWith("Again2026", 1 << 14);
    setPasswordQueueDeadline(5);
    // all the same (user, hash, password): one check, so none waits in the queue
    const results = await Promise.all(Array.from({ length: CONCURRENT_CHECKS + 3 }, () => checkNetworkPassword("same-student", "Again2026", slow)));
    expect(results).toEqual(Array(CONCURRENT_CHECKS + 3).fill(true));
  });
});
