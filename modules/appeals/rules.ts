// The 72-hour appeal's rule (误操作申诉), pure so the service, the page and unit tests share it.
// An exchange may be appealed while all hold: the package is still in use (ACTIVE and neither
// used up nor expired, or FROZEN by a pause), fewer than the policy's hours have passed since the
// exchange (the window closes at exactly createdAt + hours), and the package has used less than
// the policy's bytes. One appeal per exchange is the table's unique holdingId.

export type AppealState = "PENDING" | "APPROVED" | "REFUSED";

export interface AppealPolicy {
  appealWindowHours: number;
  appealMaxUsedBytes: bigint;
}

export interface AppealHolding {
  createdAt: Date;
  usedBytes: bigint;
  quotaBytes: bigint;
  expiresAt: Date;
  /** the stored HoldingState */
  state: string;
}

export type AppealEligibility =
  | { status: "ELIGIBLE"; closesAt: Date }
  | { status: "NOT_ACTIVE" }
  | { status: "WINDOW_CLOSED"; closedAt: Date }
  | { status: "TOO_MUCH_USED"; usedBytes: bigint; maxUsedBytes: bigint };

const HOUR_MS = 3_600_000;

/** The instant the appeal window closes: no appeal at or after it. */
export function appealClosesAt(createdAt: Date, windowHours: number): Date {
  return new Date(createdAt.getTime() + windowHours * HOUR_MS);
}

/** Whether the package is still in use: a refunded, expired or used-up one cannot be appealed. */
export function holdingAppealable(h: AppealHolding, now: Date): boolean {
  if (h.state === "FROZEN") return true;
  return h.state === "ACTIVE" && h.usedBytes < h.quotaBytes && h.expiresAt.getTime() > now.getTime();
}

export function appealEligibility(h: AppealHolding, policy: AppealPolicy, now: Date): AppealEligibility {
  if (!holdingAppealable(h, now)) return { status: "NOT_ACTIVE" };
  const closesAt = appealClosesAt(h.createdAt, policy.appealWindowHours);
  if (now.getTime() >= closesAt.getTime()) return { status: "WINDOW_CLOSED", closedAt: closesAt };
  if (h.usedBytes >= policy.appealMaxUsedBytes) return { status: "TOO_MUCH_USED", usedBytes: h.usedBytes, maxUsedBytes: policy.appealMaxUsedBytes };
  return { status: "ELIGIBLE", closesAt };
}
