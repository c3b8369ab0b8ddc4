// Helpers for the recharge/finance integration tests (not a test file itself). Gateways'
// notifications are signed here with node:crypto directly, exactly as the gateways do, so the
// adapters' verification code is tested against an independent implementation.
import { createCipheriv, createSign, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { createUser } from "@/dev/factory";
import { now as clockNow, wallMs } from "@/lib/clock";
import { db } from "@/lib/db";
import { yuanToFen } from "@/lib/money";
import { sandboxKeys, sandboxMerchant } from "@/modules/payments/sandbox/keys";
import { payTrade } from "@/modules/payments/sandbox/service";
import { rfc3339Shanghai } from "@/modules/payments/wechat-v3";
import { handlePaymentNotification } from "./notify.service";
import { createRechargeOrder, startPayment } from "./service";

export async function student(opts: { balanceFen?: bigint; name?: string; role?: "STUDENT" | "OPERATOR" | "FINANCE" | "ADMIN" } = {}) {
  return createUser(db(), { name: opts.name ?? "测试学生", balanceFen: opts.balanceFen, role: opts.role });
}

export async function balanceOf(userId: string): Promise<bigint> {
  return (await db().ledgerAccount.findUniqueOrThrow({ where: { userId }, select: { balanceFen: true } })).balanceFen;
}

export async function orderOf(orderNo: string) {
  return db().rechargeOrder.findUniqueOrThrow({ where: { orderNo }, include: { events: { orderBy: { id: "asc" } } } });
}

/** A sandbox order with its trade opened at the gateway (as after pressing 去支付). */
export async function sandboxOrder(userId: string, amountYuan = "20", opts: { targetStudentNo?: string; now?: Date } = {}) {
  const order = await createRechargeOrder({
    creatorId: userId,
    amountFen: yuanToFen(amountYuan),
    channel: "SANDBOX",
    targetStudentNo: opts.targetStudentNo,
    now: opts.now,
  });
  const { payUrl } = await startPayment({ orderNo: order.orderNo, viewerId: userId, now: opts.now });
  return { ...order, payUrl };
}

export interface V3Signer {
  privateKey: KeyObject;
  serial: string;
  apiV3Key: string;
  mchid: string;
  appid: string;
}

/** The sandbox gateway's own credentials (it is a v3 gateway). */
export function sandboxSigner(): V3Signer {
  const k = sandboxKeys();
  const m = sandboxMerchant();
  return { privateKey: k.gatewayPrivateKey, serial: k.gatewayKeyId, apiV3Key: m.apiV3Key, mchid: m.mchid, appid: m.appid };
}

/** A fresh "WeChat Pay" for tests: platform key pair, key id, APIv3 key. */
export function newWechatIdentity(): V3Signer & { publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey,
    publicKey,
    serial: `PUB_KEY_ID_${randomBytes(12).toString("hex").toUpperCase()}`,
    apiV3Key: randomBytes(16).toString("hex"),
    mchid: "1230000109",
    appid: "wxd678efh567hg6787",
  };
}

/**
 * A WeChat Pay v3 TRANSACTION.SUCCESS notification: resource encrypted with AES-256-GCM under
 * the APIv3 key, body signed RSA-SHA256 over `timestamp\nnonce\nbody\n`.
 */
export function v3Notification(
  signer: V3Signer,
  txn: { orderNo: string; txnId: string; amountFen: bigint | number; paidAt?: Date; tradeState?: string; mchid?: string; appid?: string },
  opts: { eventType?: string; timestamp?: number; nonce?: string } = {},
): { body: string; headers: Headers } {
  const resource = {
    mchid: txn.mchid ?? signer.mchid,
    appid: txn.appid ?? signer.appid,
    out_trade_no: txn.orderNo,
    transaction_id: txn.txnId,
    trade_type: "MWEB",
    trade_state: txn.tradeState ?? "SUCCESS",
    trade_state_desc: "支付成功",
    bank_type: "OTHERS",
    success_time: rfc3339Shanghai(txn.paidAt ?? clockNow()),
    payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
    amount: { total: Number(txn.amountFen), payer_total: Number(txn.amountFen), currency: "CNY", payer_currency: "CNY" },
  };
  const iv = randomBytes(6).toString("hex");
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(signer.apiV3Key, "utf8"), Buffer.from(iv, "utf8"));
  cipher.setAAD(Buffer.from("transaction"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(resource), "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64");
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: rfc3339Shanghai(clockNow()),
    resource_type: "encrypt-resource",
    event_type: opts.eventType ?? "TRANSACTION.SUCCESS",
    summary: "支付成功",
    resource: { original_type: "transaction", algorithm: "AEAD_AES_256_GCM", ciphertext, associated_data: "transaction", nonce: iv },
  });
  // signed like the real gateway: the verifier checks the wall clock (lib/clock wallMs), not the set clock
  const timestamp = String(opts.timestamp ?? Math.floor(wallMs() / 1000));
  const nonce = opts.nonce ?? randomBytes(16).toString("hex");
  const signature = createSign("RSA-SHA256").update(`${timestamp}\n${nonce}\n${body}\n`).sign(signer.privateKey, "base64");
  return {
    body,
    headers: new Headers({
      "Content-Type": "application/json",
      "Wechatpay-Timestamp": timestamp,
      "Wechatpay-Nonce": nonce,
      "Wechatpay-Signature": signature,
      "Wechatpay-Serial": signer.serial,
      "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
    }),
  };
}

/** The payer pays at the sandbox checkout; returns the sandbox's transaction id (no notification sent). */
export async function payAtSandbox(orderNo: string, at?: Date): Promise<string> {
  await payTrade(orderNo, { notify: false, at });
  return (await db().sandboxTrade.findUniqueOrThrow({ where: { outTradeNo: orderNo }, select: { transactionId: true } })).transactionId;
}

/** Deliver a sandbox notification for a paid trade through the notify handler. */
export async function notifySandbox(orderNo: string, amountFen: bigint, txnId: string, opts: { paidAt?: Date } = {}) {
  const n = v3Notification(sandboxSigner(), { orderNo, txnId, amountFen, paidAt: opts.paidAt });
  return handlePaymentNotification("sandbox", n.body, n.headers);
}

/**
 * A student's ¥20 sandbox order, paid at the sandbox but not yet notified: its genuine
 * notification and the same one signed with a forger's key.
 */
export async function paidOrderWithForgery() {
  const u = await student();
  const order = await sandboxOrder(u.id, "20");
  const txn = await payAtSandbox(order.orderNo);
  const real = sandboxSigner();
  const { privateKey: forgerKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const paid = { orderNo: order.orderNo, txnId: txn, amountFen: 2000n };
  return { u, order, txn, real, good: v3Notification(real, paid), forged: v3Notification({ ...real, privateKey: forgerKey }, paid) };
}

export async function notificationsFor(orderNo: string) {
  return db().paymentNotification.findMany({ where: { orderNo }, orderBy: { id: "asc" } });
}
