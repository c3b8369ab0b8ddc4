import { createCipheriv, createSign, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NotificationRejected } from "./types";
import { verifyV3Notification } from "./wechat-v3";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const cfg = { mchid: "1230000109", appid: "wxd678efh567hg6787", apiV3Key: "0123456789abcdefghijklmnopqrstuv", platformKeys: { PUB_KEY_ID_1: publicKey } };

function sign(body: string, ts: number, nonce = "abc") {
  return new Headers({
    "Wechatpay-Timestamp": String(ts),
    "Wechatpay-Nonce": nonce,
    "Wechatpay-Serial": "PUB_KEY_ID_1",
    "Wechatpay-Signature": createSign("RSA-SHA256").update(`${ts}\n${nonce}\n${body}\n`).sign(privateKey, "base64"),
  });
}

function body(resource: object, event = "TRANSACTION.SUCCESS") {
  const iv = "0123456789ab";
  const c = createCipheriv("aes-256-gcm", Buffer.from(cfg.apiV3Key), Buffer.from(iv));
  c.setAAD(Buffer.from("transaction"));
  const ciphertext = Buffer.concat([c.update(JSON.stringify(resource)), c.final(), c.getAuthTag()]).toString("base64");
  return JSON.stringify({
    id: "EV-1",
    create_time: "2026-11-23T10:00:00+08:00",
    resource_type: "encrypt-resource",
    event_type: event,
    resource: { algorithm: "AEAD_AES_256_GCM", ciphertext, nonce: iv, associated_data: "transaction", original_type: "transaction" },
  });
}

const txn = {
  mchid: cfg.mchid,
  appid: cfg.appid,
  out_trade_no: "R1",
  transaction_id: "42000001",
  trade_state: "SUCCESS",
  success_time: "2026-11-23T10:00:00+08:00",
  amount: { total: 2000, payer_total: 2000, currency: "CNY" },
};

describe("WeChat Pay v3 notification verification (pure)", () => {
  const now = 1_795_000_000_000;
  const ts = Math.floor(now / 1000);

  it("accepts a genuine notification and reads the amount in fen", () => {
    const b = body(txn);
    expect(verifyV3Notification(b, sign(b, ts), cfg, now)).toEqual({
      kind: "PAID",
      orderNo: "R1",
      gatewayTxnId: "42000001",
      paidAmountFen: 2000n,
      paidAt: new Date("2026-11-23T02:00:00Z"),
    });
  });

  it("accepts 300 s of clock skew and not 301", () => {
    const b = body(txn);
    expect(verifyV3Notification(b, sign(b, ts - 300), cfg, now).kind).toBe("PAID");
    expect(() => verifyV3Notification(b, sign(b, ts - 301), cfg, now)).toThrowError(expect.objectContaining({ reason: "STALE_TIMESTAMP" }));
    expect(() => verifyV3Notification(b, sign(b, ts + 301), cfg, now)).toThrowError(expect.objectContaining({ reason: "STALE_TIMESTAMP" }));
  });

  it("refuses anything not byte-for-byte signed, non-integer amounts and other merchants", () => {
    const b = body(txn);
    const h = sign(b, ts);
    expect(() => verifyV3Notification(b + " ", h, cfg, now)).toThrow(NotificationRejected);
    expect(() => verifyV3Notification(b, sign(b, ts, "other"), { ...cfg, platformKeys: {} }, now)).toThrowError(
      expect.objectContaining({ reason: "UNKNOWN_SERIAL" }),
    );
    const frac = body({ ...txn, amount: { total: 20.5 } });
    expect(() => verifyV3Notification(frac, sign(frac, ts), cfg, now)).toThrowError(expect.objectContaining({ reason: "MALFORMED" }));
    const other = body({ ...txn, mchid: "1" });
    expect(() => verifyV3Notification(other, sign(other, ts), cfg, now)).toThrowError(expect.objectContaining({ reason: "MERCHANT_MISMATCH" }));
    const proto = sign(b, ts);
    proto.set("Wechatpay-Serial", "__proto__");
    expect(() => verifyV3Notification(b, proto, cfg, now)).toThrowError(expect.objectContaining({ reason: "UNKNOWN_SERIAL" }));
  });
});
