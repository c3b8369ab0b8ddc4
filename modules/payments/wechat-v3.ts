// WeChat Pay API v3 message security, as WeChat specifies it, built on the maintained
// `wechatpay-axios-plugin` primitives (Rsa, AesGcm, Formatter):
// - a notification is verified with RSA-SHA256 over `timestamp\nnonce\nrawBody\n` using the
//   platform public key named by Wechatpay-Serial (微信支付公钥ID or platform certificate
//   serial), from the RAW body, and refused when the timestamp is more than 300 s off;
// - its resource is AEAD_AES_256_GCM encrypted with the APIv3 key (nonce + associated_data);
// - mchid / appid must be ours; the amount is integer fen.
// The embedded sandbox gateway speaks the same protocol, so one verifier serves both.
import type { KeyObject } from "node:crypto";
import { Aes, Formatter, Rsa } from "wechatpay-axios-plugin";
import { z } from "zod";
import { shanghaiDateTime } from "@/lib/time";
import { NotificationRejected, headerValue, type PaymentNotice } from "./types";
import { wallMs } from "@/lib/clock";

export const MAX_CLOCK_SKEW_SECONDS = 300;

export const WECHATPAY_HEADERS = {
  timestamp: "Wechatpay-Timestamp",
  nonce: "Wechatpay-Nonce",
  signature: "Wechatpay-Signature",
  serial: "Wechatpay-Serial",
  signatureType: "Wechatpay-Signature-Type",
} as const;

export interface V3NotifyConfig {
  mchid: string;
  appid: string;
  /** the 32-byte APIv3 key */
  apiV3Key: string;
  /** 微信支付公钥ID / platform certificate serial → public key */
  platformKeys: Record<string, KeyObject>;
}

const envelopeSchema = z.object({
  id: z.string().min(1).max(64),
  create_time: z.string().max(64),
  event_type: z.string().min(1).max(64),
  resource_type: z.string().max(64),
  resource: z.object({
    algorithm: z.literal("AEAD_AES_256_GCM"),
    ciphertext: z.string().min(1).max(100_000),
    nonce: z.string().min(1).max(64),
    associated_data: z.string().max(256).optional().default(""),
    original_type: z.string().max(64).optional(),
  }),
});

const transactionSchema = z.object({
  mchid: z.string(),
  appid: z.string(),
  out_trade_no: z.string().min(1).max(64),
  transaction_id: z.string().min(1).max(64),
  trade_state: z.string(),
  success_time: z.string().optional(),
  amount: z.object({
    total: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    payer_total: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    currency: z.string().optional(),
  }),
});

function verifySignature(message: string, signature: string, key: KeyObject): boolean {
  try {
    return Rsa.verify(message, signature, key);
  } catch {
    return false;
  }
}

/**
 * Verify and decrypt one WeChat Pay v3 notification (支付成功通知). Throws NotificationRejected
 * for anything not provably from the gateway; returns IGNORED for authentic non-payment events.
 */
export function verifyV3Notification(rawBody: string, headers: Headers, cfg: V3NotifyConfig, nowMs = wallMs()): PaymentNotice {
  const timestamp = headerValue(headers, WECHATPAY_HEADERS.timestamp);
  const nonce = headerValue(headers, WECHATPAY_HEADERS.nonce);
  const signature = headerValue(headers, WECHATPAY_HEADERS.signature);
  const serial = headerValue(headers, WECHATPAY_HEADERS.serial);
  if (!timestamp || !nonce || !signature || !serial) throw new NotificationRejected("MISSING_HEADERS", 401);
  // WeChat sends signature-probe notifications to check that merchants verify at all.
  if (signature.startsWith("WECHATPAY/SIGNTEST/")) throw new NotificationRejected("SIGNATURE_PROBE", 401);
  if (!/^\d{1,12}$/.test(timestamp)) throw new NotificationRejected("STALE_TIMESTAMP", 401, "not a unix timestamp");
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    throw new NotificationRejected("STALE_TIMESTAMP", 401, `timestamp ${timestamp}`);
  }
  const key = Object.prototype.hasOwnProperty.call(cfg.platformKeys, serial) ? cfg.platformKeys[serial] : undefined;
  if (!key) throw new NotificationRejected("UNKNOWN_SERIAL", 401, serial.slice(0, 80));
  if (!verifySignature(Formatter.response(timestamp, nonce, rawBody), signature, key)) {
    throw new NotificationRejected("BAD_SIGNATURE", 401);
  }

  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(rawBody));
  } catch {
    throw new NotificationRejected("MALFORMED", 400, "envelope");
  }
  let plaintext: string;
  try {
    const r = envelope.resource;
    plaintext = Aes.AesGcm.decrypt(r.ciphertext, cfg.apiV3Key, r.nonce, r.associated_data ?? "");
  } catch {
    throw new NotificationRejected("DECRYPT_FAILED", 400);
  }
  if (!envelope.event_type.startsWith("TRANSACTION.")) {
    return { kind: "IGNORED", orderNo: null, gatewayTxnId: null, reason: envelope.event_type };
  }
  let txn: z.infer<typeof transactionSchema>;
  try {
    txn = transactionSchema.parse(JSON.parse(plaintext));
  } catch {
    throw new NotificationRejected("MALFORMED", 400, "resource");
  }
  if (txn.mchid !== cfg.mchid || txn.appid !== cfg.appid) {
    throw new NotificationRejected("MERCHANT_MISMATCH", 400, `mchid ${txn.mchid} appid ${txn.appid}`);
  }
  if (envelope.event_type !== "TRANSACTION.SUCCESS" || txn.trade_state !== "SUCCESS") {
    return { kind: "IGNORED", orderNo: txn.out_trade_no, gatewayTxnId: txn.transaction_id, reason: `${envelope.event_type}/${txn.trade_state}` };
  }
  const paidAt = txn.success_time ? new Date(txn.success_time) : new Date(nowMs);
  return {
    kind: "PAID",
    orderNo: txn.out_trade_no,
    gatewayTxnId: txn.transaction_id,
    paidAmountFen: BigInt(txn.amount.total),
    paidAt: Number.isNaN(paidAt.getTime()) ? new Date(nowMs) : paidAt,
  };
}

/** The v3 notify answers: 200/204 with no body on success; 4xx/5xx with {code:"FAIL"} otherwise. */
export const v3Replies = {
  ack: () => ({ status: 204, body: "", contentType: "application/json" }),
  fail: (status: number, message: string) => ({ status, body: JSON.stringify({ code: "FAIL", message }), contentType: "application/json" }),
};

/** RFC 3339 with +08:00, as WeChat writes times ("2026-11-23T10:00:00+08:00"). */
export function rfc3339Shanghai(at: Date): string {
  return `${shanghaiDateTime(at).replace(" ", "T")}+08:00`;
}

/** Sign a v3 response/notification: the `Wechatpay-*` headers for `body`. Used by the sandbox gateway. */
export function signV3Message(body: string, privateKey: KeyObject, serial: string, nowMs = wallMs()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = Formatter.nonce();
  return {
    [WECHATPAY_HEADERS.timestamp]: timestamp,
    [WECHATPAY_HEADERS.nonce]: nonce,
    [WECHATPAY_HEADERS.signature]: Rsa.sign(Formatter.response(timestamp, nonce, body), privateKey),
    [WECHATPAY_HEADERS.serial]: serial,
    [WECHATPAY_HEADERS.signatureType]: "WECHATPAY2-SHA256-RSA2048",
  };
}

/** Encrypt a notification resource the way WeChat does (AEAD_AES_256_GCM, 12-char nonce). */
export function encryptV3Resource(plaintext: string, apiV3Key: string, associatedData: string) {
  const nonce = Formatter.nonce(12);
  return {
    algorithm: "AEAD_AES_256_GCM" as const,
    ciphertext: Aes.AesGcm.encrypt(plaintext, apiV3Key, nonce, associatedData),
    nonce,
    associated_data: associatedData,
  };
}

/** Parse a v3 `Authorization: WECHATPAY2-SHA256-RSA2048 k="v",…` header. */
export function parseV3Authorization(value: string | null): Record<string, string> | null {
  if (!value) return null;
  const m = /^WECHATPAY2-SHA256-RSA2048\s+(.+)$/.exec(value.trim());
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const part of m[1]!.matchAll(/(\w+)="([^"]*)"/g)) out[part[1]!] = part[2]!;
  return out;
}

/** Verify a merchant's signed API request (what the gateway does with our calls). */
export function verifyV3Request(
  req: { method: string; pathWithQuery: string; body: string; authorization: string | null },
  merchant: { mchid: string; serial: string; publicKey: KeyObject },
  nowMs = wallMs(),
): boolean {
  const auth = parseV3Authorization(req.authorization);
  if (!auth || auth.mchid !== merchant.mchid || auth.serial_no !== merchant.serial) return false;
  const ts = auth.timestamp ?? "";
  if (!/^\d{1,12}$/.test(ts) || Math.abs(Math.floor(nowMs / 1000) - Number(ts)) > MAX_CLOCK_SKEW_SECONDS) return false;
  if (!auth.nonce_str || !auth.signature) return false;
  return verifySignature(Formatter.request(req.method.toUpperCase(), req.pathWithQuery, ts, auth.nonce_str, req.body), auth.signature, merchant.publicKey);
}
