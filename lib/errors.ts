// Typed, expected errors. Services throw them; the action clients and route handlers turn
// them into a localised message (messages/<locale>/errors.json, key = code). Anything else
// is logged with an id and the user sees a generic message.
import { wallMs } from "@/lib/clock";

export const APP_ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "VALIDATION",
  "INSUFFICIENT_BALANCE",
  "PACKAGE_STILL_ACTIVE",
  "PACKAGE_UNAVAILABLE",
  "ACCOUNT_NOT_ACTIVE",
  "CONFLICT",
  "RATE_LIMITED",
  // money in and out (modules/ledger, modules/recharge)
  "AMOUNT_INVALID",
  "AMOUNT_TOO_SMALL",
  "AMOUNT_TOO_LARGE",
  "RECHARGE_TARGET_NOT_FOUND",
  "CHANNEL_UNAVAILABLE",
  "ORDER_NOT_CANCELLABLE",
  "ORDER_NOT_PAYABLE",
  "GATEWAY_UNAVAILABLE",
  "COUNTER_NOTE_INVALID",
  "COUNTER_AMOUNT_INVALID",
  "REASON_REQUIRED",
  "REFUND_NOT_ALLOWED",
  "REFUND_EXCEEDS_REFUNDABLE",
  "REVERSAL_NOT_ALLOWED",
  "FLAG_RESOLUTION_INVALID",
  // the network (modules/network, modules/radius)
  "MAC_IN_USE",
  "DEVICE_LIMIT",
  "ACCOUNT_SUSPENDED",
  // sign-in (lib/auth.ts): a 学号 claim never takes over an account linked to another identity
  "IDENTITY_CONFLICT",
  // admin settings
  "NAS_IP_IN_USE",
  "POLICY_UNCHANGED",
  // 停机保号 (modules/pauses)
  "PAUSE_LENGTH_INVALID",
  "PAUSE_DATE_INVALID",
  "PAUSE_ALREADY_OPEN",
  "PAUSE_NOT_SCHEDULED",
  "PAUSE_NOT_ACTIVE",
  // package plans (modules/plans): 下月生效 / 自动续订
  "PLAN_EXISTS",
  "PLAN_NOT_CANCELLABLE",
  // 误操作申诉 (modules/appeals)
  "APPEAL_WINDOW_CLOSED",
  "APPEAL_TOO_MUCH_USED",
  "APPEAL_NOT_ALLOWED",
  "APPEAL_EXISTS",
  "APPEAL_REASON_TOO_LONG",
  "APPEAL_ALREADY_DECIDED",
  // 访客码 (modules/guest)
  "GUEST_PASS_LIMIT",
  "GUEST_PASS_TOO_LONG",
  "GUEST_PASS_TOO_MUCH_DATA",
  // the network office acting on a student (modules/helpdesk)
  "STAFF_SELF_ACTION",
  "ACCOUNT_ALREADY_SUSPENDED",
  "ACCOUNT_NOT_SUSPENDED",
  "NO_NETWORK_PASSWORD",
  "ADJUSTMENT_INVALID",
  "ADJUSTMENT_BELOW_ZERO",
  "ADJUSTMENT_BELOW_USED",
  // 网络中心通知 (modules/notices)
  "NOTICE_STUDENT_NOT_FOUND",
  "NOTICE_NO_RECIPIENTS",
  // lifecycle in bulk (modules/lifecycle): the intake import and the graduation settlement
  "ACCOUNT_CLOSED",
  "INTAKE_FILE_TOO_LARGE",
  "INTAKE_TOO_MANY_ROWS",
  "INTAKE_FILE_EMPTY",
  "INTAKE_ENCODING",
  "INTAKE_HEADER",
  "INTAKE_NOTHING_VALID",
  "GRADUATION_NO_ACCOUNTS",
  "GRADUATION_CHANGED",
  // the catalogue and 特惠 offers (modules/catalogue, modules/packages/offers.service.ts)
  "OFFER_UNAVAILABLE",
  "OFFER_NOT_ELIGIBLE",
  "OFFER_LIMIT_REACHED",
  "PACKAGE_CODE_TAKEN",
  "PACKAGE_SUPERSEDED",
  "OFFER_PRICE_NOT_BELOW_LIST",
  "OFFER_OVERLAPS",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    public readonly params: Record<string, string | number> = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === "object" && e !== null && (e as { name?: string }).name === "AppError");
}

/** What crosses to the client when an action fails. */
export interface ActionFailure {
  code: AppErrorCode | "INTERNAL";
  message: string;
  /** correlation id for unexpected errors, to quote to the network office */
  errorId?: string;
}

export function newErrorId(): string {
  return Math.random().toString(36).slice(2, 8).toUpperCase() + wallMs().toString(36).slice(-4).toUpperCase();
}
