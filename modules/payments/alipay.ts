import "server-only";
// Alipay adapter on the maintained `alipay-sdk` (v4): phone-website payment
// (alipay.trade.wap.pay, a signed GET link), order query and refund through the v3 OpenAPI
// (`curl`, responses verified by the SDK), and asynchronous notifications verified as Alipay
// specifies: RSA2 over the sorted parameters without sign/sign_type (the SDK's
// checkNotifySignV2 on the decoded form fields), only TRADE_SUCCESS / TRADE_FINISHED count,
// app_id (and seller_id when configured) must be ours, and total_amount (a yuan string) is
// converted to fen without floating point. The reply is the literal `success`. The daily
// statement is Alipay's trade bill (a zipped GBK CSV, parsed in ./alipay-statement).
import { AlipaySdk } from "alipay-sdk";
import { now } from "@/lib/clock";
import { fenToYuanString, MoneyParseError, yuanToFen } from "@/lib/money";
import { parseAlipayTradeBillZip, type AlipayTradeBill } from "./alipay-statement";
import { parseShanghaiDateTime, shanghaiDateTime } from "@/lib/time";
import {
  GatewayError,
  NotificationRejected,
  type CreatePaymentInput,
  type CreatePaymentResult,
  type PaymentGateway,
  type PaymentNotice,
  type RefundInput,
  type RefundResult,
  type StatementRow,
  type TradeQueryResult,
} from "./types";

export interface AlipayConfig {
  appId: string;
  privateKey: string;
  keyType: "PKCS1" | "PKCS8";
  alipayPublicKey: string;
  sellerId?: string;
  endpoint?: string;
  gateway?: string;
}

const PAID_STATUSES = new Set(["TRADE_SUCCESS", "TRADE_FINISHED"]);

function alipayErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}

export class AlipayGateway implements PaymentGateway {
  readonly channel = "ALIPAY" as const;
  readonly sdk: AlipaySdk;

  constructor(private readonly cfg: AlipayConfig) {
    this.sdk = new AlipaySdk({
      appId: cfg.appId,
      privateKey: cfg.privateKey.trim(),
      keyType: cfg.keyType,
      alipayPublicKey: cfg.alipayPublicKey.trim(),
      signType: "RSA2",
      ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
      ...(cfg.gateway ? { gateway: cfg.gateway } : {}),
      timeout: 10_000,
    });
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult> {
    const payUrl = this.sdk.pageExecute("alipay.trade.wap.pay", "GET", {
      bizContent: {
        out_trade_no: input.orderNo,
        total_amount: fenToYuanString(input.amountFen),
        subject: input.description.slice(0, 256),
        product_code: "QUICK_WAP_WAY",
        time_expire: shanghaiDateTime(input.expiresAt),
        quit_url: input.returnUrl,
      },
      notifyUrl: input.notifyUrl,
      returnUrl: input.returnUrl,
    });
    return { payUrl };
  }

  async parseAndVerifyNotification(rawBody: string, _headers: Headers): Promise<PaymentNotice> {
    // application/x-www-form-urlencoded; every key once.
    const params: Record<string, string> = {};
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(rawBody);
    } catch {
      throw new NotificationRejected("MALFORMED", 400);
    }
    for (const [k, v] of form) {
      if (Object.prototype.hasOwnProperty.call(params, k)) throw new NotificationRejected("MALFORMED", 400, `duplicate ${k}`);
      params[k] = v;
    }
    if (!params.sign) throw new NotificationRejected("MISSING_HEADERS", 401, "no sign");
    if (params.sign_type && params.sign_type !== "RSA2") throw new NotificationRejected("BAD_SIGNATURE", 401, "sign_type");
    let ok = false;
    try {
      // Values are already decoded by URLSearchParams, so verify them as they are (V2 = no second decode).
      ok = this.sdk.checkNotifySignV2(params);
    } catch {
      ok = false;
    }
    if (!ok) throw new NotificationRejected("BAD_SIGNATURE", 401);
    if (params.app_id !== this.cfg.appId) throw new NotificationRejected("MERCHANT_MISMATCH", 400, `app_id ${params.app_id}`);
    if (this.cfg.sellerId && params.seller_id !== this.cfg.sellerId) throw new NotificationRejected("MERCHANT_MISMATCH", 400, `seller_id ${params.seller_id}`);

    const orderNo = params.out_trade_no || null;
    const txn = params.trade_no || null;
    if (!PAID_STATUSES.has(params.trade_status ?? "")) {
      return { kind: "IGNORED", orderNo, gatewayTxnId: txn, reason: params.trade_status ?? "no trade_status" };
    }
    if (!orderNo || !txn) throw new NotificationRejected("MALFORMED", 400, "out_trade_no/trade_no");
    let paidAmountFen: bigint;
    try {
      paidAmountFen = yuanToFen(params.total_amount ?? "");
    } catch (e) {
      if (e instanceof MoneyParseError) throw new NotificationRejected("MALFORMED", 400, "total_amount");
      throw e;
    }
    return { kind: "PAID", orderNo, gatewayTxnId: txn, paidAmountFen, paidAt: parseShanghaiDateTime(params.gmt_payment) ?? now() };
  }

  async queryOrder(orderNo: string): Promise<TradeQueryResult> {
    let data: { trade_status?: string; trade_no?: string; total_amount?: string; send_pay_date?: string };
    try {
      data = (await this.sdk.curl("POST", "/v3/alipay/trade/query", { body: { out_trade_no: orderNo } })).data;
    } catch (e) {
      const code = alipayErrorCode(e);
      if (code && code.includes("TRADE_NOT_EXIST")) return { state: "NOT_FOUND" };
      throw new GatewayError(this.channel, `order query failed: ${(e as Error).message}`, code);
    }
    const status = data.trade_status ?? "";
    if (PAID_STATUSES.has(status)) {
      if (!data.trade_no || !data.total_amount) throw new GatewayError(this.channel, "order query: paid without trade_no/total_amount");
      return {
        state: "PAID",
        gatewayTxnId: data.trade_no,
        paidAmountFen: yuanToFen(data.total_amount),
        paidAt: parseShanghaiDateTime(data.send_pay_date) ?? undefined,
      };
    }
    if (status === "WAIT_BUYER_PAY") return { state: "NOTPAY" };
    if (status === "TRADE_CLOSED") return { state: "CLOSED" };
    throw new GatewayError(this.channel, `order query: unknown trade_status ${status}`);
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    try {
      const { data } = await this.sdk.curl("POST", "/v3/alipay/trade/refund", {
        body: {
          out_trade_no: input.orderNo,
          refund_amount: fenToYuanString(input.amountFen),
          out_request_no: input.refundNo,
          refund_reason: input.reason.slice(0, 256),
        },
      });
      // A repeated out_request_no answers fund_change=N: the refund had already happened.
      return { state: "SUCCEEDED", gatewayRefundId: `${data?.trade_no ?? ""}:${input.refundNo}`, detail: data?.fund_change };
    } catch (e) {
      const code = alipayErrorCode(e);
      const status = (e as { responseHttpStatus?: number })?.responseHttpStatus;
      if (code && status && status >= 400 && status < 500) return { state: "FAILED", detail: code };
      throw new GatewayError(this.channel, `refund failed: ${(e as Error).message}`, code);
    }
  }

  /**
   * The day's payments from Alipay's trade bill. When the bill cannot be had (not generated yet —
   * it is T+1 —, the link or the file fails, the file is malformed) this logs why and answers null,
   * so reconciliation queries each order of the day instead.
   */
  async downloadStatement(day: string): Promise<StatementRow[] | null> {
    try {
      return (await this.downloadTradeBill(day)).payments;
    } catch (e) {
      if (!(e instanceof GatewayError)) throw e;
      console.warn(`[campusnet] Alipay trade bill for ${day} unavailable, falling back to order queries: ${e.message}`);
      return null;
    }
  }

  /** alipay.data.dataservice.bill.downloadurl.query (bill_type=trade) → bill_download_url → ZIP → GBK CSV. */
  async downloadTradeBill(day: string): Promise<AlipayTradeBill> {
    let url: string | undefined;
    try {
      const { data } = await this.sdk.curl<{ bill_download_url?: string }>("GET", "/v3/alipay/data/dataservice/bill/downloadurl/query", {
        query: { bill_type: "trade", bill_date: day },
      });
      url = data?.bill_download_url;
    } catch (e) {
      throw new GatewayError(this.channel, `bill download url query failed: ${(e as Error).message}`, alipayErrorCode(e));
    }
    if (!url || !/^https?:\/\//i.test(url)) throw new GatewayError(this.channel, "bill download url query: no bill_download_url");
    // The link is valid for 30 seconds: fetch it at once.
    let zip: Uint8Array;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      zip = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      throw new GatewayError(this.channel, `bill download failed: ${(e as Error).message}`);
    }
    return parseAlipayTradeBillZip(zip);
  }

  ackReply() {
    return { status: 200, body: "success", contentType: "text/plain; charset=utf-8" };
  }

  failReply(status: number, _message: string) {
    // Anything but the literal "success" makes Alipay retry.
    return { status, body: "fail", contentType: "text/plain; charset=utf-8" };
  }
}
