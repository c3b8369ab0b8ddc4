// Pure quota rules, shared by the service and unit tests.

export type SpeedMode = "HIGH_SPEED" | "THROTTLED";

/** Usage draws the monthly free quota first, then the package; the rest is throttled traffic. */
export function drawOrder(freeRemaining: bigint, packageRemaining: bigint, bytes: bigint) {
  if (bytes < 0n) throw new Error("usage bytes must not be negative");
  const fromFree = bytes < freeRemaining ? bytes : freeRemaining > 0n ? freeRemaining : 0n;
  const rest = bytes - fromFree;
  const fromPackage = rest < packageRemaining ? rest : packageRemaining > 0n ? packageRemaining : 0n;
  return { fromFree, fromPackage, throttledBytes: rest - fromPackage };
}

export function speedModeFor(freeRemaining: bigint, packageRemaining: bigint): SpeedMode {
  return freeRemaining + packageRemaining > 0n ? "HIGH_SPEED" : "THROTTLED";
}

/** A holding is usable while it has quota left and has not expired. */
export function holdingIsLive(h: { state: string; quotaBytes: bigint; usedBytes: bigint; expiresAt: Date }, now: Date): boolean {
  return h.state === "ACTIVE" && h.usedBytes < h.quotaBytes && h.expiresAt.getTime() > now.getTime();
}

export type HoldingDisplayState = "ACTIVE" | "USED_UP" | "EXPIRED" | "REFUNDED" | "FROZEN";

export function holdingDisplayState(h: { state: string; quotaBytes: bigint; usedBytes: bigint; expiresAt: Date }, now: Date): HoldingDisplayState {
  if (h.state === "REFUNDED") return "REFUNDED";
  // 停机保号 (modules/pauses): its validity is not running, whatever expiresAt says
  if (h.state === "FROZEN") return "FROZEN";
  if (h.state === "USED_UP" || h.usedBytes >= h.quotaBytes) return "USED_UP";
  if (h.state === "EXPIRED" || h.expiresAt.getTime() <= now.getTime()) return "EXPIRED";
  return "ACTIVE";
}
