import { describe, expect, it } from "vitest";
import { drawOrder, holdingDisplayState, holdingIsLive, speedModeFor } from "./rules";

const GB = 1024n ** 3n;

describe("quota draw order", () => {
  it("draws the free quota first", () => {
    expect(drawOrder(10n * GB, 8n * GB, 3n * GB)).toEqual({ fromFree: 3n * GB, fromPackage: 0n, throttledBytes: 0n });
  });
  it("spills into the package, then into throttled traffic", () => {
    expect(drawOrder(1n * GB, 2n * GB, 5n * GB)).toEqual({ fromFree: 1n * GB, fromPackage: 2n * GB, throttledBytes: 2n * GB });
  });
  it("handles counters above 4 GiB exactly", () => {
    const big = 2n ** 32n + 7n;
    expect(drawOrder(big, 0n, big + 1n)).toEqual({ fromFree: big, fromPackage: 0n, throttledBytes: 1n });
  });
  it("refuses negative usage", () => {
    expect(() => drawOrder(1n, 1n, -1n)).toThrow();
  });
  it("throttles only when both free and package quota are gone", () => {
    expect(speedModeFor(0n, 0n)).toBe("THROTTLED");
    expect(speedModeFor(0n, 1n)).toBe("HIGH_SPEED");
    expect(speedModeFor(1n, 0n)).toBe("HIGH_SPEED");
  });
  it("derives holding states", () => {
    const now = new Date("2026-11-23T00:00:00Z");
    const h = { state: "ACTIVE", quotaBytes: 10n, usedBytes: 3n, expiresAt: new Date("2026-12-01T00:00:00Z") };
    expect(holdingIsLive(h, now)).toBe(true);
    expect(holdingDisplayState({ ...h, usedBytes: 10n }, now)).toBe("USED_UP");
    expect(holdingDisplayState({ ...h, expiresAt: now }, now)).toBe("EXPIRED");
    expect(holdingIsLive({ ...h, expiresAt: now }, now)).toBe(false);
    // a frozen package (停机保号) is not live and does not expire while frozen
    expect(holdingIsLive({ ...h, state: "FROZEN" }, now)).toBe(false);
    expect(holdingDisplayState({ ...h, state: "FROZEN", expiresAt: now }, now)).toBe("FROZEN");
  });
});
