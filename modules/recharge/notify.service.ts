import "server-only";
// Gateway notifications (支付结果通知). Every verified notification is recorded as received;
// forgeries are kept for audit with their outcome up to REJECTED_KEPT_PER_MINUTE per channel
// and minute, then only counted; an oversized body is refused unread. A verified payment is applied in
// the same transaction that records it; the gateway gets its success reply only after that
// commit. Bad input is refused with the gateway's own error format (4xx), never a 500; a 5xx
// means our database failed and the gateway should retry.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { getGateway } from "@/modules/payments/gateways";
import { countHit, forgetEndedWindows } from "@/modules/ratelimit/service";
import { isOnlineChannel, NotificationRejected, type GatewayReply, type OnlineChannel } from "@/modules/payments/types";
import { confirmPayment } from "@/modules/orders/service";
import { dbText } from "@/lib/pg-text";

export const MAX_NOTIFICATION_BYTES = 64 * 1024;
/** Rejected (unverified) notifications kept in full per channel and minute; the rest are only counted. */
export const REJECTED_KEPT_PER_MINUTE = 20;
const REJECTED_COUNTER = "notify-rejected:";
/** How long the per-minute counts of rejected notifications stay in rate_limits. */
const REJECTED_COUNT_KEPT_MS = 30 * 24 * 3600_000;

/**
 * Whether to store this rejected notification: anyone can post forgeries, so a flood must not
 * fill payment_notifications. Each minute's count stays in rate_limits
 * (`notify-rejected:<CHANNEL>:<minute>`) for 30 days, so a flood remains visible as a number.
 */
async function keepRejected(channel: OnlineChannel, now: Date): Promise<boolean> {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString().slice(0, 16);
  const { count } = await countHit(`${REJECTED_COUNTER}${channel}:${minute}`, REJECTED_COUNT_KEPT_MS, now);
  if (count === 1) await forgetEndedWindows(REJECTED_COUNTER, now);
  if (count === REJECTED_KEPT_PER_MINUTE + 1)
    console.warn(
      `[campusnet] more than ${REJECTED_KEPT_PER_MINUTE} rejected ${channel} notifications in the minute ${minute}Z: counting the rest, not storing them`,
    );
  return count <= REJECTED_KEPT_PER_MINUTE;
}

const KEPT_HEADERS = [
  "content-type",
  "user-agent",
  "wechatpay-timestamp",
  "wechatpay-nonce",
  "wechatpay-serial",
  "wechatpay-signature",
  "wechatpay-signature-type",
  "request-id",
];

function headerSnapshot(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = headers.get(name);
    if (v !== null) out[name] = dbText(v, 512);
  }
  return out;
}

export interface NotificationResult {
  reply: GatewayReply;
  outcome: string;
}

async function record(
  channel: OnlineChannel,
  verified: boolean,
  outcome: string,
  rawBody: string,
  headers: Headers,
  extra: { orderNo?: string | null; gatewayTxnId?: string | null; detail?: string | null } = {},
) {
  await db().paymentNotification.create({
    data: {
      channel,
      verified,
      outcome,
      orderNo: extra.orderNo ? dbText(extra.orderNo, 64) : null,
      gatewayTxnId: extra.gatewayTxnId ? dbText(extra.gatewayTxnId, 64) : null,
      detail: extra.detail ? dbText(extra.detail, 500) : null,
      headers: headerSnapshot(headers),
      body: dbText(rawBody, 20_000),
    },
  });
}

/** Handle one notification for `channelParam` ("sandbox" | "wechat" | "alipay"); throws only when the database fails. */
export async function handlePaymentNotification(channelParam: string, rawBody: string, headers: Headers, now = clockNow()): Promise<NotificationResult> {
  const channel = String(channelParam).toUpperCase();
  if (!isOnlineChannel(channel)) return { reply: { status: 404, body: "", contentType: "text/plain" }, outcome: "UNKNOWN_CHANNEL" };
  const gateway = getGateway(channel);
  if (!gateway) return { reply: { status: 404, body: "", contentType: "text/plain" }, outcome: "CHANNEL_OFF" };

  // The route stops reading at the limit (readCappedBody); nothing of an oversized body is stored.
  if (Buffer.byteLength(rawBody, "utf8") > MAX_NOTIFICATION_BYTES) return { reply: gateway.failReply(413, "body too large"), outcome: "REJECTED_TOO_LARGE" };

  let notice;
  try {
    notice = await gateway.parseAndVerifyNotification(rawBody, headers);
  } catch (e) {
    const rejected = e instanceof NotificationRejected ? e : null;
    const outcome = `REJECTED_${rejected?.reason ?? "ERROR"}`;
    if (!rejected) console.warn("[campusnet] notification verification threw:", e);
    if (await keepRejected(channel, now)) await record(channel, false, outcome, rawBody, headers, { detail: (e as Error)?.message ?? String(e) });
    return { reply: gateway.failReply(rejected?.status ?? 400, rejected?.reason ?? "MALFORMED"), outcome };
  }

  if (notice.kind === "IGNORED") {
    await record(channel, true, "IGNORED", rawBody, headers, { orderNo: notice.orderNo, gatewayTxnId: notice.gatewayTxnId, detail: notice.reason });
    return { reply: gateway.ackReply(), outcome: "IGNORED" };
  }

  const { outcome } = await db().$transaction(async (tx) => {
    const r = await confirmPayment(
      tx,
      { channel, orderNo: notice.orderNo, gatewayTxnId: notice.gatewayTxnId, paidAmountFen: notice.paidAmountFen, paidAt: notice.paidAt, source: "NOTIFY" },
      now,
    );
    await tx.paymentNotification.create({
      data: {
        channel,
        verified: true,
        outcome: r.outcome,
        orderNo: dbText(notice.orderNo, 64),
        gatewayTxnId: dbText(notice.gatewayTxnId, 64),
        detail: `paid ${notice.paidAmountFen} fen`,
        headers: headerSnapshot(headers),
        body: dbText(rawBody, 20_000),
      },
    });
    return r;
  });
  // Unknown orders are acknowledged too: retrying would not make them ours; reconciliation reports them.
  return { reply: gateway.ackReply(), outcome };
}

/** The reply to a body over MAX_NOTIFICATION_BYTES (413 in the gateway's format; 404 when the channel is off). */
export function tooLargeReply(channelParam: string): GatewayReply {
  const channel = String(channelParam).toUpperCase();
  const gateway = isOnlineChannel(channel) ? getGateway(channel) : null;
  return gateway ? gateway.failReply(413, "body too large") : { status: 404, body: "", contentType: "text/plain" };
}

/** The reply when handling failed unexpectedly (database down): 5xx, so the gateway retries. */
export function failureReply(channelParam: string): GatewayReply {
  const channel = String(channelParam).toUpperCase();
  const gateway = isOnlineChannel(channel) ? getGateway(channel) : null;
  return gateway ? gateway.failReply(500, "temporarily unavailable") : { status: 500, body: "", contentType: "text/plain" };
}
