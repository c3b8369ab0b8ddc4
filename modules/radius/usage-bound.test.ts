import { describe, expect, it } from "vitest";
import { octetTotal } from "./codec";
import { claimedBytes, deltaBound, impossibleDelta, MAX_COUNTER, SLACK_BYTES } from "./usage-bound";

const zero = { input: 0n, output: 0n };
const hundredMbit = 102400; // kbit/s, the default high-speed download rate

describe("what one accounting packet may add", () => {
  it("is the rate × the elapsed seconds × the margin, plus slack", () => {
    // 100 Mbit/s = 13,107,200 bytes/s; × 4 × (300 s + the second Event-Timestamp cannot see)
    expect(deltaBound(hundredMbit, 300, 4)).toBe(13_107_200n * 4n * 301n + SLACK_BYTES);
    const oneSecond = 13_107_200n * 4n + SLACK_BYTES;
    expect(deltaBound(hundredMbit, 0, 4)).toBe(oneSecond);
    expect(deltaBound(hundredMbit, -5, 4)).toBe(oneSecond); // a packet older than the last one
    expect(deltaBound(hundredMbit, 0.2, 4)).toBe(13_107_200n * 4n * 2n + SLACK_BYTES); // seconds round up
    expect(deltaBound(2 ** 31, 1e12, 1e6)).toBe(MAX_COUNTER);
  });

  it("lets ordinary traffic through and stops what no link could carry", () => {
    const bound = deltaBound(hundredMbit, 300, 4);
    expect(impossibleDelta(zero, { input: 100n * 1024n ** 2n, output: 3n * 1024n ** 3n }, bound)).toBeNull();
    // 1,000,000 gigawords in 300 s (≈ 4.3 PB)
    expect(impossibleDelta(zero, { input: octetTotal(0n, 1_000_000n), output: 0n }, bound)).toBe("IMPOSSIBLE_DELTA");
    // 2^31 − 1 gigawords: fits a bigint, but ≈ 9.2 EB
    expect(impossibleDelta(zero, { input: 0n, output: octetTotal(0n, 2147483647n) }, MAX_COUNTER)).toBeNull();
    expect(impossibleDelta(zero, { input: 0n, output: octetTotal(0n, 2147483647n) }, bound)).toBe("IMPOSSIBLE_DELTA");
    // 2^32 − 1 gigawords do not fit the counters at all
    expect(impossibleDelta(zero, { input: octetTotal(4294967295n, 4294967295n), output: 0n }, MAX_COUNTER)).toBe("COUNTER_OVERFLOW");
    // a lower total (reordered packet) is possible: it adds nothing
    expect(impossibleDelta({ input: 5000n, output: 5000n }, { input: 10n, output: 10n }, SLACK_BYTES)).toBeNull();
  });

  it("reports what was claimed, clamped to a bigint", () => {
    expect(claimedBytes({ input: 10n, output: 10n }, { input: 30n, output: 5n })).toBe(20n);
    expect(claimedBytes(zero, { input: octetTotal(4294967295n, 4294967295n), output: MAX_COUNTER })).toBe(MAX_COUNTER);
  });
});
