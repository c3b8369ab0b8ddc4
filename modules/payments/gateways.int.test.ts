// The real WeChat Pay and Alipay adapters, configured with keys generated here, fed
// notifications signed here exactly as the gateways sign them (node:crypto, independently of
// the adapters), through the real notify route handlers and the real database.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as alipayNotifyRoute } from "@/app/api/payments/alipay/notify/route";
import { POST as wechatNotifyRoute } from "@/app/api/payments/wechat/notify/route";
import { db } from "@/lib/db";
import { reconcileDay } from "@/modules/finance/reconcile.service";
import { verifyLedger } from "@/modules/ledger/service";
import { createRechargeOrder } from "@/modules/recharge/service";
import { balanceOf, newWechatIdentity, orderOf, student, v3Notification } from "@/modules/recharge/test-helpers";
import { AlipayGateway } from "./alipay";
import { alipayBillZip, gbkEncode } from "./alipay-statement.fixtures";
import { availableChannels, setGatewayOverride } from "./gateways";
import { WechatPayGateway } from "./wechat";

const wx = newWechatIdentity();
const merchantKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const wechat = new WechatPayGateway({
  channel: "WECHAT",
  mchid: wx.mchid,
  appid: wx.appid,
  serial: "3775B6A45ACD588826D15E583A95F5DD12345678",
  privateKey: merchantKey.privateKey,
  platformKeys: { [wx.serial]: wx.publicKey },
  apiV3Key: wx.apiV3Key,
});

// Alipay: our application key pair and "Alipay's" key pair.
const appKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const alipayKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const ALIPAY_APP_ID = "2021000000000001";
const SELLER_ID = "2088000000000001";
let alipayServer: Server;
let alipay: AlipayGateway;
const alipayTrades = new Map<string, { trade_no: string; total_amount: string; trade_status: string }>();
/** The trade bill the stand-in serves for one day (bill_date → ZIP); other days: isp.bill_not_exist. */
const alipayBills = new Map<string, Uint8Array>();

function alipayResponse(res: import("node:http").ServerResponse, status: number, payload: unknown) {
  const body = JSON.stringify(payload);
  const ts = String(Date.now());
  const nonce = randomBytes(8).toString("hex");
  const sig = createSign("RSA-SHA256").update(`${ts}\n${nonce}\n${body}\n`, "utf8").sign(alipayKeys.privateKey, "base64");
  res.writeHead(status, { "content-type": "application/json", "alipay-timestamp": ts, "alipay-nonce": nonce, "alipay-signature": sig });
  res.end(body);
}

beforeAll(async () => {
  // A stand-in for Alipay's v3 OpenAPI on loopback: it answers order queries and refunds, signing its answers.
  alipayServer = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      // The bill file itself: a plain (unsigned) download behind the short-lived link.
      if (url.pathname === "/downloadBillFile.resource") {
        const zip = alipayBills.get(url.searchParams.get("bizDates") ?? "");
        if (!zip) return res.writeHead(404).end();
        res.writeHead(200, { "content-type": "application/zip" });
        return res.end(zip);
      }
      if (!String(req.headers.authorization ?? "").startsWith(`ALIPAY-SHA256withRSA app_id=${ALIPAY_APP_ID},`))
        return alipayResponse(res, 401, { code: "invalid-signature", message: "验签失败" });
      const body = raw ? JSON.parse(raw) : {};
      if (req.method === "GET" && url.pathname === "/v3/alipay/data/dataservice/bill/downloadurl/query") {
        const day = url.searchParams.get("bill_date") ?? "";
        if (url.searchParams.get("bill_type") !== "trade" || !alipayBills.has(day))
          return alipayResponse(res, 400, { code: "isp.bill_not_exist", message: "账单不存在" });
        const port = (alipayServer.address() as AddressInfo).port;
        return alipayResponse(res, 200, {
          bill_download_url: `http://127.0.0.1:${port}/downloadBillFile.resource?bizType=trade&userId=${SELLER_ID}0156&fileType=csv.zip&bizDates=${day}&downloadFileName=${SELLER_ID}0156_${day.replace(/-/g, "")}.csv.zip&token=t`,
        });
      }
      if (req.url === "/v3/alipay/trade/query") {
        const t = alipayTrades.get(body.out_trade_no);
        if (!t) return alipayResponse(res, 400, { code: "ACQ.TRADE_NOT_EXIST", message: "交易不存在" });
        return alipayResponse(res, 200, { out_trade_no: body.out_trade_no, ...t, send_pay_date: "2026-11-23 10:00:00" });
      }
      if (req.url === "/v3/alipay/trade/refund")
        return alipayResponse(res, 200, { trade_no: "2026112322001", out_trade_no: body.out_trade_no, refund_fee: body.refund_amount, fund_change: "Y" });
      alipayResponse(res, 404, { code: "NOT_FOUND", message: "" });
    });
  });
  await new Promise<void>((r) => alipayServer.listen(0, "127.0.0.1", r));
  const port = (alipayServer.address() as AddressInfo).port;
  alipay = new AlipayGateway({
    appId: ALIPAY_APP_ID,
    privateKey: appKeys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    keyType: "PKCS8",
    alipayPublicKey: alipayKeys.publicKey.export({ type: "spki", format: "pem" }).toString(),
    sellerId: SELLER_ID,
    endpoint: `http://127.0.0.1:${port}`,
  });
  setGatewayOverride("WECHAT", wechat);
  setGatewayOverride("ALIPAY", alipay);
});

afterAll(async () => {
  setGatewayOverride("WECHAT", undefined);
  setGatewayOverride("ALIPAY", undefined);
  await new Promise<void>((r) => alipayServer.close(() => r()));
  expect((await verifyLedger()).ok).toBe(true);
  await db().$disconnect();
});

function wechatRequest(body: string, headers: Headers) {
  return wechatNotifyRoute(new Request("http://localhost/api/payments/wechat/notify", { method: "POST", headers, body }));
}

describe("WeChat Pay v3 adapter (wechatpay-axios-plugin)", () => {
  it("is offered only when configured", () => {
    expect(availableChannels()).toContain("WECHAT");
    setGatewayOverride("WECHAT", null);
    expect(availableChannels()).not.toContain("WECHAT");
    setGatewayOverride("WECHAT", wechat);
  });

  it("verifies from the raw body, decrypts the AES-256-GCM resource, checks mchid/appid/amount; 204 after commit", async () => {
    const u = await student();
    const order = await createRechargeOrder({ creatorId: u.id, amountFen: 2000n, channel: "WECHAT" });
    const txn = "4200001234202611230000000001";
    const n = v3Notification(wx, { orderNo: order.orderNo, txnId: txn, amountFen: 2000 });
    // Re-serialising the JSON (other whitespace) breaks the signature: only the raw body counts.
    const reserialised = JSON.stringify(JSON.parse(n.body), null, 1);
    expect((await wechatRequest(reserialised, n.headers)).status).toBe(401);
    const res = await wechatRequest(n.body, n.headers);
    expect(res.status).toBe(204);
    expect(await balanceOf(u.id)).toBe(2000n);
    expect((await wechatRequest(n.body, n.headers)).status).toBe(204); // duplicate
    expect(await balanceOf(u.id)).toBe(2000n);
    expect(await orderOf(order.orderNo)).toMatchObject({ state: "CREDITED", gatewayTxnId: txn, channel: "WECHAT" });
    expect(await db().journalEntry.count({ where: { idempotencyKey: `recharge:WECHAT:${txn}` } })).toBe(1);
  });

  it("refuses the sandbox's (or anyone else's) signature, wrong appid, stale timestamps; ignores non-payment events", async () => {
    const u = await student();
    const order = await createRechargeOrder({ creatorId: u.id, amountFen: 1000n, channel: "WECHAT" });
    const other = newWechatIdentity();
    const txn = "4200001234202611230000000002";
    const foreign = v3Notification({ ...other, serial: wx.serial, apiV3Key: wx.apiV3Key }, { orderNo: order.orderNo, txnId: txn, amountFen: 1000 });
    expect((await wechatRequest(foreign.body, foreign.headers)).status).toBe(401);
    const wrongApp = v3Notification(wx, { orderNo: order.orderNo, txnId: txn, amountFen: 1000, appid: "wx0000000000000000" });
    expect((await wechatRequest(wrongApp.body, wrongApp.headers)).status).toBe(400);
    const stale = v3Notification(wx, { orderNo: order.orderNo, txnId: txn, amountFen: 1000 }, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await wechatRequest(stale.body, stale.headers)).status).toBe(401);
    const refundEvent = v3Notification(wx, { orderNo: order.orderNo, txnId: txn, amountFen: 1000 }, { eventType: "REFUND.SUCCESS" });
    expect((await wechatRequest(refundEvent.body, refundEvent.headers)).status).toBe(204);
    const notPaid = v3Notification(wx, { orderNo: order.orderNo, txnId: txn, amountFen: 1000, tradeState: "NOTPAY" });
    expect((await wechatRequest(notPaid.body, notPaid.headers)).status).toBe(204);
    const mismatch = v3Notification(wx, { orderNo: order.orderNo, txnId: txn, amountFen: 1 });
    expect((await wechatRequest(mismatch.body, mismatch.headers)).status).toBe(204);
    expect(await orderOf(order.orderNo)).toMatchObject({ state: "FLAGGED", flagReason: "AMOUNT_MISMATCH" });
    expect(await balanceOf(u.id)).toBe(0n);
    const recorded = await db().paymentNotification.findMany({ where: { channel: "WECHAT", orderNo: order.orderNo }, orderBy: { id: "asc" } });
    expect(recorded.map((r) => r.outcome)).toEqual(["IGNORED", "AMOUNT_MISMATCH"]);
    const rejected = await db().paymentNotification.count({ where: { channel: "WECHAT", verified: false } });
    expect(rejected).toBeGreaterThanOrEqual(3);
  });
});

/** Sign an Alipay async notification as Alipay does: sorted k=v of all params but sign/sign_type, RSA2. */
function alipayNotification(params: Record<string, string>, key = alipayKeys.privateKey): string {
  const content = Object.keys(params)
    .filter((k) => k !== "sign" && k !== "sign_type" && params[k] !== "")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
  const sign = createSign("RSA-SHA256").update(content, "utf8").sign(key, "base64");
  return new URLSearchParams({ ...params, sign, sign_type: "RSA2" }).toString();
}

function alipayParams(orderNo: string, totalAmount: string, extra: Record<string, string> = {}) {
  return {
    gmt_create: "2026-11-23 10:00:00",
    charset: "utf-8",
    gmt_payment: "2026-11-23 10:00:05",
    notify_time: "2026-11-23 10:00:06",
    subject: "校园网网费充值",
    buyer_id: "2088102177846880",
    invoice_amount: totalAmount,
    version: "1.0",
    notify_id: randomBytes(16).toString("hex"),
    fund_bill_list: '[{"amount":"' + totalAmount + '","fundChannel":"ALIPAYACCOUNT"}]',
    notify_type: "trade_status_sync",
    out_trade_no: orderNo,
    total_amount: totalAmount,
    trade_status: "TRADE_SUCCESS",
    trade_no: `2026112322001${randomBytes(6).toString("hex")}`,
    auth_app_id: ALIPAY_APP_ID,
    receipt_amount: totalAmount,
    point_amount: "0.00",
    app_id: ALIPAY_APP_ID,
    buyer_pay_amount: totalAmount,
    seller_id: SELLER_ID,
    ...extra,
  };
}

function alipayRequest(body: string) {
  return alipayNotifyRoute(
    new Request("http://localhost/api/payments/alipay/notify", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
      body,
    }),
  );
}

describe("Alipay adapter (alipay-sdk v4)", () => {
  it("builds a signed phone-website payment link (alipay.trade.wap.pay)", async () => {
    const { payUrl } = await alipay.createPayment({
      orderNo: "R20261123100000ABCDEF",
      amountFen: 1234n,
      description: "网费充值",
      notifyUrl: "https://net.example.edu/api/payments/alipay/notify",
      returnUrl: "https://net.example.edu/recharge/orders/R1",
      expiresAt: new Date(),
    });
    const u = new URL(payUrl);
    expect(u.searchParams.get("method")).toBe("alipay.trade.wap.pay");
    expect(u.searchParams.get("app_id")).toBe(ALIPAY_APP_ID);
    expect(u.searchParams.get("notify_url")).toBe("https://net.example.edu/api/payments/alipay/notify");
    expect(JSON.parse(u.searchParams.get("biz_content")!)).toMatchObject({
      out_trade_no: "R20261123100000ABCDEF",
      total_amount: "12.34",
      product_code: "QUICK_WAP_WAY",
    });
    expect(u.searchParams.get("sign")).toBeTruthy();
  });

  it("verifies RSA2 over the sorted parameters, converts total_amount to fen without floats, replies `success` after commit", async () => {
    const u = await student();
    const order = await createRechargeOrder({ creatorId: u.id, amountFen: 1999n, channel: "ALIPAY" });
    const params = alipayParams(order.orderNo, "19.99");
    const res = await alipayRequest(alipayNotification(params));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("success");
    expect(await balanceOf(u.id)).toBe(1999n);
    // TRADE_FINISHED for the same trade later: acknowledged, nothing changes.
    const finished = await alipayRequest(alipayNotification({ ...params, trade_status: "TRADE_FINISHED", notify_id: "n2" }));
    expect(await finished.text()).toBe("success");
    expect(await balanceOf(u.id)).toBe(1999n);
    expect(await orderOf(order.orderNo)).toMatchObject({ state: "CREDITED", paidAmountFen: 1999n, gatewayTxnId: params.trade_no });
  });

  it("refuses forged and tampered notifications with `fail`; ignores WAIT_BUYER_PAY/TRADE_CLOSED; checks app_id and seller_id", async () => {
    const u = await student();
    const order = await createRechargeOrder({ creatorId: u.id, amountFen: 1000n, channel: "ALIPAY" });
    const forger = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = await alipayRequest(alipayNotification(alipayParams(order.orderNo, "10.00"), forger.privateKey));
    expect([forged.status, await forged.text()]).toEqual([401, "fail"]);
    const good = alipayNotification(alipayParams(order.orderNo, "10.00"));
    const tampered = await alipayRequest(good.replace("total_amount=10.00", "total_amount=1000.00"));
    expect([tampered.status, await tampered.text()]).toEqual([401, "fail"]);
    const unsigned = await alipayRequest(new URLSearchParams(alipayParams(order.orderNo, "10.00")).toString());
    expect(unsigned.status).toBe(401);
    const otherApp = await alipayRequest(alipayNotification(alipayParams(order.orderNo, "10.00", { app_id: "2021999999999999" })));
    expect([otherApp.status, await otherApp.text()]).toEqual([400, "fail"]);
    const otherSeller = await alipayRequest(alipayNotification(alipayParams(order.orderNo, "10.00", { seller_id: "2088999999999999" })));
    expect(otherSeller.status).toBe(400);
    const badAmount = await alipayRequest(alipayNotification(alipayParams(order.orderNo, "10.001")));
    expect(badAmount.status).toBe(400);
    for (const status of ["WAIT_BUYER_PAY", "TRADE_CLOSED"]) {
      const r = await alipayRequest(alipayNotification(alipayParams(order.orderNo, "10.00", { trade_status: status })));
      expect(await r.text()).toBe("success");
    }
    const garbage = await alipayRequest("%%%&&&==");
    expect(garbage.status).toBeLessThan(500);
    expect(await balanceOf(u.id)).toBe(0n);
    expect((await orderOf(order.orderNo)).state).toBe("CREATED");
  });

  it("queries and refunds through the v3 OpenAPI (responses verified with Alipay's public key)", async () => {
    const u = await student();
    const order = await createRechargeOrder({ creatorId: u.id, amountFen: 1500n, channel: "ALIPAY" });
    expect(await alipay.queryOrder(order.orderNo)).toEqual({ state: "NOT_FOUND" });
    alipayTrades.set(order.orderNo, { trade_no: "2026112322001999", total_amount: "15.00", trade_status: "WAIT_BUYER_PAY" });
    expect(await alipay.queryOrder(order.orderNo)).toEqual({ state: "NOTPAY" });
    alipayTrades.set(order.orderNo, { trade_no: "2026112322001999", total_amount: "15.00", trade_status: "TRADE_SUCCESS" });
    expect(await alipay.queryOrder(order.orderNo)).toMatchObject({ state: "PAID", gatewayTxnId: "2026112322001999", paidAmountFen: 1500n });
    // Self-healing through Alipay: credited from the query answer.
    const { refreshOrderFromGateway } = await import("@/modules/healing/service");
    expect(await refreshOrderFromGateway(order.orderNo)).toBe("CREDITED");
    expect(await balanceOf(u.id)).toBe(1500n);
    const refund = await alipay.refund({
      orderNo: order.orderNo,
      gatewayTxnId: "2026112322001999",
      refundNo: "F20261123000000AAAAAA",
      amountFen: 500n,
      totalFen: 1500n,
      reason: "测试",
    });
    expect(refund.state).toBe("SUCCEEDED");
  });

  it("reconciles from the trade bill (zipped GBK CSV): repairs a paid-but-not-credited order, never credits refunds; falls back to order queries without a bill", async () => {
    const u = await student();
    const lost = await createRechargeOrder({ creatorId: u.id, amountFen: 1234n, channel: "ALIPAY" });
    const unpaid = await createRechargeOrder({ creatorId: u.id, amountFen: 500n, channel: "ALIPAY" });
    const day = "2026-11-20";
    const txn = "2026112022001400777";
    const pad = (cells: string[]) => cells.map((c) => `${c}\t`).join(",");
    const detail = [
      "#支付宝业务明细查询",
      `#账号：[${SELLER_ID}0156]`,
      "#起始日期：[2026年11月20日 00:00:00]   终止日期：[2026年11月21日 00:00:00]",
      "#-----------------------------------------业务明细列表----------------------------------------",
      "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注",
      pad([
        txn,
        lost.orderNo,
        "交易",
        "校园网网费充值",
        "2026-11-20 10:00:00",
        "2026-11-20 10:00:05",
        "",
        "",
        "",
        "",
        "stu***@example.edu",
        "12.34",
        "12.34",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "",
        "0.00",
        "0.00",
        "",
        "0.07",
        "0.00",
        "",
      ]),
      // A refund row (for an order never paid here) must not be read as a payment.
      pad([
        "2026112022001400778",
        unpaid.orderNo,
        "退款",
        "校园网网费充值",
        "2026-11-20 11:00:00",
        "2026-11-20 11:00:01",
        "",
        "",
        "",
        "",
        "stu***@example.edu",
        "-5.00",
        "-5.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "",
        "0.00",
        "0.00",
        "F1",
        "0.00",
        "0.00",
        "",
      ]),
      "#-----------------------------------------业务明细列表结束------------------------------------",
      "#交易合计：1笔，商家实收共12.34元，商家优惠共0.00元",
      "#退款合计：1笔，商家实收退款共-5.00元，商家优惠退款共0.00元",
      "#导出时间：[2026年11月21日 09:00:00]",
    ].join("\r\n");
    alipayBills.set(
      day,
      alipayBillZip({
        [`${SELLER_ID}0156_20261120_业务明细.csv`]: gbkEncode(detail),
        [`${SELLER_ID}0156_20261120_业务明细(汇总).csv`]: gbkEncode("#支付宝业务汇总查询\r\n门店编号,门店名称,交易订单总笔数\r\n合计,,1\r\n"),
      }),
    );

    const run = await reconcileDay({ channel: "ALIPAY", day });
    expect(run.summary).toMatchObject({ mode: "STATEMENT", statementCount: 1, statementTotalFen: "1234", repaired: 1, creditedNotInStatement: 0 });
    expect(run.items).toEqual([
      expect.objectContaining({ type: "PAID_NOT_CREDITED", action: "credited", orderNo: lost.orderNo, gatewayTxnId: txn, statementAmountFen: "1234" }),
    ]);
    expect(await balanceOf(u.id)).toBe(1234n);
    expect(await orderOf(lost.orderNo)).toMatchObject({ state: "CREDITED", gatewayTxnId: txn, paidAmountFen: 1234n, paidAt: new Date("2026-11-20T02:00:05Z") });
    expect((await orderOf(unpaid.orderNo)).state).toBe("CREATED");

    const again = await reconcileDay({ channel: "ALIPAY", day });
    expect(again.summary).toMatchObject({ mode: "STATEMENT", matched: 1, repaired: 0 });
    expect(await balanceOf(u.id)).toBe(1234n);

    // No bill (not generated yet, or the link fails): logged, and each order of the day is queried instead.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const fallback = await reconcileDay({ channel: "ALIPAY", day: "2026-11-19" });
      expect(fallback.summary.mode).toBe("QUERY");
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/Alipay trade bill for 2026-11-19 unavailable.*falling back/);
    } finally {
      warn.mockRestore();
    }
  });
});
