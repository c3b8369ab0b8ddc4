// What a push service's answer means for a delivery (decision 023): every status class, the
// backoff steps, Retry-After, the try limit and the age limit.
import { describe, expect, it } from "vitest";
import { BACKOFF_MS, decideAfterAttempt, MAX_AGE_MS, MAX_ATTEMPTS, parseRetryAfter, retryable } from "./retry";

const created = new Date("2026-12-01T08:00:00Z");
const at = (ms: number) => new Date(created.getTime() + ms);

describe("decideAfterAttempt", () => {
  it("2xx is sent", () => {
    for (const status of [200, 201, 202, 204]) expect(decideAfterAttempt({ status }, 1, created, at(0))).toEqual({ state: "SENT" });
  });

  it("404 and 410 mean the subscription is gone, never retried, even on the last try", () => {
    for (const status of [404, 410]) {
      expect(decideAfterAttempt({ status }, 1, created, at(0))).toEqual({ state: "GONE" });
      expect(decideAfterAttempt({ status }, MAX_ATTEMPTS, created, at(0))).toEqual({ state: "GONE" });
    }
  });

  it("other 4xx fail at once with the status as the reason", () => {
    for (const status of [400, 401, 403, 405, 411]) {
      const d = decideAfterAttempt({ status }, 1, created, at(0));
      expect(d).toEqual({ state: "FAILED", reason: `push service answered ${status}` });
    }
  });

  it("5xx, 413, 429 and no answer are retried after the backoff step of the try", () => {
    const outcomes = [{ status: 500 }, { status: 502 }, { status: 503 }, { status: 413 }, { status: 429 }, { status: null, error: "ECONNRESET" }] as const;
    for (const outcome of outcomes) {
      for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) {
        const now = at(1000);
        const d = decideAfterAttempt(outcome, attempts, created, now);
        expect(d.state).toBe("PENDING");
        if (d.state !== "PENDING") continue;
        const step = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]!;
        expect(d.nextAttemptAt.getTime() - now.getTime()).toBe(step);
        expect(d.compact).toBe(outcome.status === 413);
      }
    }
  });

  it("the backoff grows: 30 s, 2 min, 10 min, 30 min, 2 h", () => {
    const waits = [1, 2, 3, 4, 5].map((n) => {
      const d = decideAfterAttempt({ status: 503 }, n, created, at(0));
      return d.state === "PENDING" ? d.nextAttemptAt.getTime() - created.getTime() : -1;
    });
    expect(waits).toEqual([30_000, 120_000, 600_000, 1_800_000, 7_200_000]);
  });

  it("gives up after MAX_ATTEMPTS tries", () => {
    expect(decideAfterAttempt({ status: 503 }, MAX_ATTEMPTS, created, at(0))).toEqual({ state: "FAILED", reason: `gave up after ${MAX_ATTEMPTS} tries` });
    expect(decideAfterAttempt({ status: null, error: "timeout" }, MAX_ATTEMPTS + 1, created, at(0)).state).toBe("FAILED");
  });

  it("429 waits as long as Retry-After asks when that is longer than the backoff, at most 6 h", () => {
    const now = at(0);
    const longer = decideAfterAttempt({ status: 429, retryAfterSeconds: 300 }, 1, created, now);
    expect(longer.state === "PENDING" && longer.nextAttemptAt.getTime() - now.getTime()).toBe(300_000);
    const shorter = decideAfterAttempt({ status: 429, retryAfterSeconds: 5 }, 1, created, now);
    expect(shorter.state === "PENDING" && shorter.nextAttemptAt.getTime() - now.getTime()).toBe(BACKOFF_MS[0]);
    const huge = decideAfterAttempt({ status: 429, retryAfterSeconds: 999_999 }, 1, created, now);
    expect(huge.state === "PENDING" && huge.nextAttemptAt.getTime() - now.getTime()).toBe(6 * 3600_000);
    // Retry-After on another status is not a 429's: the backoff step stands
    const other = decideAfterAttempt({ status: 503, retryAfterSeconds: 300 }, 1, created, now);
    expect(other.state === "PENDING" && other.nextAttemptAt.getTime() - now.getTime()).toBe(BACKOFF_MS[0]);
  });

  it("an alert whose next try would fall past a day after it was made fails as too old", () => {
    // the next try (30 s later) would still be within the day
    expect(decideAfterAttempt({ status: 500 }, 1, created, at(MAX_AGE_MS - 60_000)).state).toBe("PENDING");
    expect(decideAfterAttempt({ status: 500 }, 1, created, at(MAX_AGE_MS - 10_000))).toEqual({ state: "FAILED", reason: "too old to retry" });
    // a long Retry-After counts too
    expect(decideAfterAttempt({ status: 429, retryAfterSeconds: 6 * 3600 }, 1, created, at(MAX_AGE_MS - 3600_000)).state).toBe("FAILED");
  });
});

describe("retryable", () => {
  it("is true for no answer, 413, 429 and 5xx only", () => {
    expect([null, 413, 429, 500, 503, 599].map(retryable)).toEqual([true, true, true, true, true, true]);
    expect([200, 400, 401, 403, 404, 410].map(retryable)).toEqual([false, false, false, false, false, false]);
  });
});

describe("parseRetryAfter", () => {
  const now = new Date("2026-12-01T08:00:00Z");
  it("reads seconds", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter(" 7 ", now)).toBe(7);
    expect(parseRetryAfter(["30", "60"], now)).toBe(30);
  });
  it("reads an HTTP date as the seconds until then (never negative)", () => {
    expect(parseRetryAfter("Tue, 01 Dec 2026 08:02:00 GMT", now)).toBe(120);
    expect(parseRetryAfter("Tue, 01 Dec 2026 07:00:00 GMT", now)).toBe(0);
  });
  it("is null when absent or unreadable", () => {
    for (const v of [undefined, null, "", "soon", "-5", "1.5"]) expect(parseRetryAfter(v, now)).toBeNull();
  });
});
