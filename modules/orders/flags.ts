// Why an order was flagged (recharge_orders.flagReason): written only by modules/orders/service.ts
// and modules/finance; each one has a label under finance.flag and an explanation under
// finance.flagExplain, which typed messages check.

export const FLAG_REASONS = ["AMOUNT_MISMATCH", "PAID_AFTER_CLOSE", "DUPLICATE_PAYMENT", "UNKNOWN_TO_GATEWAY", "REVERSED"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** The column is text: a value this code does not write (an older row) is no FlagReason. */
export function isFlagReason(value: string | null | undefined): value is FlagReason {
  return (FLAG_REASONS as readonly (string | null | undefined)[]).includes(value);
}
