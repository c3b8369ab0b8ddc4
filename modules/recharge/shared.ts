// Pure helpers of the recharge domain: masked names, amount rules, display states (order
// numbers are modules/orders/order-no.ts).
// No database here, so client components and unit tests can import it.
import { AppError } from "@/lib/errors";
import { fenToYuanString } from "@/lib/money";
import { ONLINE_CHANNELS } from "@/modules/payments/types";

export { ONLINE_CHANNELS };
/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明 (请务必核对充值账号 without exposing the full name). */
export function maskName(name: string): string {
  const chars = Array.from((name ?? "").trim());
  if (chars.length === 0) return "*";
  if (chars.length === 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export interface AmountPolicy {
  minFen: bigint;
  maxFen: bigint;
}

/** Fen (parsed at the edge by lib/money.ts's yuanSchema) within the policy, or a clear AppError. */
export function checkAmountFen(fen: bigint, policy: AmountPolicy): bigint {
  if (typeof fen !== "bigint") throw new AppError("AMOUNT_INVALID");
  if (fen < policy.minFen) throw new AppError("AMOUNT_TOO_SMALL", { minYuan: fenToYuanString(policy.minFen) });
  if (fen > policy.maxFen) throw new AppError("AMOUNT_TOO_LARGE", { maxYuan: fenToYuanString(policy.maxFen) });
  return fen;
}

/** 套餐金额或套餐金额倍数: a positive whole multiple of at least one catalogue price. */
export function isPackageMultiple(amountFen: bigint, pricesFen: readonly bigint[]): boolean {
  if (amountFen <= 0n) return false;
  return pricesFen.some((p) => p > 0n && amountFen % p === 0n);
}

/** 备注学号姓名: the note must contain both the student number and the name (spaces ignored). */
export function noteNamesStudent(note: string, studentNo: string, name: string): boolean {
  const squeeze = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  const n = squeeze(note ?? "");
  return n.includes(squeeze(studentNo)) && n.includes(squeeze(name));
}

/** What the student sees for an order state. */
export type OrderDisplayState = "AWAITING_PAYMENT" | "PROCESSING" | "CREDITED" | "CLOSED" | "UNDER_REVIEW";

export function displayState(state: "CREATED" | "PAID" | "CREDITED" | "CLOSED" | "FLAGGED", expiresAt: Date, now: Date): OrderDisplayState {
  switch (state) {
    case "CREATED":
      return expiresAt <= now ? "CLOSED" : "AWAITING_PAYMENT";
    case "PAID":
      return "PROCESSING";
    case "CREDITED":
      return "CREDITED";
    case "CLOSED":
      return "CLOSED";
    case "FLAGGED":
      return "UNDER_REVIEW";
  }
}

/** The student's order page (built by the UI); the gateways send the payer back here. */
export function orderPagePath(orderNo: string): string {
  return `/recharge/orders/${encodeURIComponent(orderNo)}`;
}
