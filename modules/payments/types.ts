// The one interface every payment gateway adapter implements (sandbox, WeChat Pay v3,
// Alipay). Pure types and small helpers: no database, no SDK imports.

export const ONLINE_CHANNELS = ["SANDBOX", "WECHAT", "ALIPAY"] as const;
export type OnlineChannel = (typeof ONLINE_CHANNELS)[number];

export function isOnlineChannel(value: unknown): value is OnlineChannel {
  return typeof value === "string" && (ONLINE_CHANNELS as readonly string[]).includes(value);
}

export interface CreatePaymentInput {
  orderNo: string;
  amountFen: bigint;
  description: string;
  notifyUrl: string;
  /** where the gateway sends the payer back (our order page) */
  returnUrl: string;
  expiresAt: Date;
  clientIp?: string;
}

export interface CreatePaymentResult {
  /** the page the payer is redirected to */
  payUrl: string;
}

/** A notification whose signature (and, for WeChat, decryption) checked out. */
export type PaymentNotice =
  | {
      kind: "PAID";
      orderNo: string;
      gatewayTxnId: string;
      paidAmountFen: bigint;
      paidAt: Date;
    }
  | {
      /** authentic, but not a payment success (refund notices, WAIT_BUYER_PAY, TRADE_CLOSED …) */
      kind: "IGNORED";
      orderNo: string | null;
      gatewayTxnId: string | null;
      reason: string;
    };

export type RejectionReason =
  "MISSING_HEADERS" | "SIGNATURE_PROBE" | "STALE_TIMESTAMP" | "UNKNOWN_SERIAL" | "BAD_SIGNATURE" | "MALFORMED" | "DECRYPT_FAILED" | "MERCHANT_MISMATCH";

/** Thrown by parseAndVerifyNotification: the notification is refused and credits nothing. */
export class NotificationRejected extends Error {
  constructor(
    public readonly reason: RejectionReason,
    public readonly status: 400 | 401,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = "NotificationRejected";
  }
}

/** A gateway call failed (network, 5xx, unexpected answer). Nothing was decided. */
export class GatewayError extends Error {
  constructor(
    public readonly channel: OnlineChannel,
    message: string,
    public readonly code?: string,
  ) {
    super(`[${channel}] ${message}`);
    this.name = "GatewayError";
  }
}

/** What the notify endpoint answers; each gateway expects its own format. */
export interface GatewayReply {
  status: number;
  body: string;
  contentType: string;
}

export interface TradeQueryResult {
  state: "PAID" | "NOTPAY" | "CLOSED" | "REFUNDED" | "NOT_FOUND";
  gatewayTxnId?: string;
  paidAmountFen?: bigint;
  paidAt?: Date;
}

export interface RefundInput {
  orderNo: string;
  gatewayTxnId: string;
  /** our refund number; the gateway is idempotent by it */
  refundNo: string;
  amountFen: bigint;
  totalFen: bigint;
  reason: string;
}

export interface RefundResult {
  state: "SUCCEEDED" | "PENDING" | "FAILED";
  gatewayRefundId?: string;
  detail?: string;
}

/** One successful payment in a gateway's daily statement. */
export interface StatementRow {
  orderNo: string;
  gatewayTxnId: string;
  amountFen: bigint;
  paidAt: Date;
}

export interface PaymentGateway {
  readonly channel: OnlineChannel;
  createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult>;
  /** Verify exactly as the gateway specifies, from the raw body; throws NotificationRejected. */
  parseAndVerifyNotification(rawBody: string, headers: Headers): Promise<PaymentNotice>;
  queryOrder(orderNo: string): Promise<TradeQueryResult>;
  refund(input: RefundInput): Promise<RefundResult>;
  /** The successful payments of one Asia/Shanghai day ("YYYY-MM-DD"); null when the gateway offers no statement here. */
  downloadStatement(day: string): Promise<StatementRow[] | null>;
  /** Answer after our commit: the gateway stops retrying. */
  ackReply(): GatewayReply;
  /** Answer for a refused notification (or a failure: the gateway retries). */
  failReply(status: number, message: string): GatewayReply;
}

/** Headers as given by a route handler or a test, case-insensitive. */
export function headerValue(headers: Headers, name: string): string | null {
  const v = headers.get(name);
  return v === null ? null : v.trim();
}
