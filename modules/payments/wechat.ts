import "server-only";
// WeChat Pay API v3 adapter on the maintained `wechatpay-axios-plugin` SDK: H5 payment (the
// phone browser flow), order query, refund, trade bill. The SDK signs our requests with the
// merchant key and verifies every response against the platform key (public-key mode or
// platform certificate). Notifications are verified by ./wechat-v3.ts from the raw body.
// The sandbox gateway speaks the same API, so the same class serves it with its own keys.
import { createHash, type KeyObject } from "node:crypto";
import axios, { type AxiosAdapter, type AxiosResponse } from "axios";
import { Formatter, Wechatpay } from "wechatpay-axios-plugin";
import { MoneyParseError, yuanToFen } from "@/lib/money";
import { parseShanghaiDateTime } from "@/lib/time";
import {
  GatewayError,
  type CreatePaymentInput,
  type CreatePaymentResult,
  type OnlineChannel,
  type PaymentGateway,
  type PaymentNotice,
  type RefundInput,
  type RefundResult,
  type StatementRow,
  type TradeQueryResult,
} from "./types";
import { rfc3339Shanghai, v3Replies, verifyV3Notification, type V3NotifyConfig } from "./wechat-v3";

export interface WechatPayConfig {
  channel: Extract<OnlineChannel, "WECHAT" | "SANDBOX">;
  mchid: string;
  appid: string;
  /** merchant API certificate serial */
  serial: string;
  privateKey: KeyObject | string;
  /** 微信支付公钥ID / platform certificate serial → key */
  platformKeys: Record<string, KeyObject>;
  apiV3Key: string;
  /** for the sandbox: its base URL and an in-process transport */
  baseURL?: string;
  adapter?: AxiosAdapter;
}

interface AxiosLikeError {
  response?: { status?: number; data?: unknown };
  message?: string;
}

function errorCode(e: unknown): { status?: number; code?: string } {
  const r = (e as AxiosLikeError)?.response;
  const data = r?.data as { code?: string } | undefined;
  return { status: r?.status, code: typeof data?.code === "string" ? data.code : undefined };
}

export class WechatPayGateway implements PaymentGateway {
  readonly channel: Extract<OnlineChannel, "WECHAT" | "SANDBOX">;
  private readonly client: Wechatpay;
  private readonly notifyConfig: V3NotifyConfig;

  constructor(private readonly cfg: WechatPayConfig) {
    this.channel = cfg.channel;
    this.client = new Wechatpay({
      mchid: cfg.mchid,
      serial: cfg.serial,
      // The SDK accepts a KeyObject as well as PEM text (Rsa.isKeyObject).
      privateKey: cfg.privateKey as unknown as string,
      certs: { ...cfg.platformKeys },
      ...(cfg.baseURL ? { baseURL: cfg.baseURL } : {}),
      ...(cfg.adapter ? { adapter: cfg.adapter } : {}),
      timeout: 10_000,
    });
    this.notifyConfig = { mchid: cfg.mchid, appid: cfg.appid, apiV3Key: cfg.apiV3Key, platformKeys: cfg.platformKeys };
  }

  private fail(e: unknown, what: string): never {
    const { status, code } = errorCode(e);
    throw new GatewayError(this.channel, `${what} failed (${status ?? "no response"} ${code ?? (e as Error)?.message ?? ""})`, code);
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult> {
    let res: AxiosResponse<{ h5_url?: string }>;
    try {
      res = await this.client.chain("v3/pay/transactions/h5").post({
        appid: this.cfg.appid,
        mchid: this.cfg.mchid,
        description: input.description.slice(0, 127),
        out_trade_no: input.orderNo,
        time_expire: rfc3339Shanghai(input.expiresAt),
        notify_url: input.notifyUrl,
        amount: { total: Number(input.amountFen), currency: "CNY" },
        scene_info: { payer_client_ip: input.clientIp || "127.0.0.1", h5_info: { type: "Wap" } },
      });
    } catch (e) {
      this.fail(e, "h5 order");
    }
    const h5 = res.data?.h5_url;
    if (typeof h5 !== "string" || !h5) throw new GatewayError(this.channel, "h5 order: no h5_url in the answer");
    // WeChat sends the payer back to redirect_url (URL-encoded, appended to h5_url).
    const sep = h5.includes("?") ? "&" : "?";
    return { payUrl: `${h5}${sep}redirect_url=${encodeURIComponent(input.returnUrl)}` };
  }

  async parseAndVerifyNotification(rawBody: string, headers: Headers): Promise<PaymentNotice> {
    return verifyV3Notification(rawBody, headers, this.notifyConfig);
  }

  async queryOrder(orderNo: string): Promise<TradeQueryResult> {
    let data: { trade_state?: string; transaction_id?: string; amount?: { total?: number }; success_time?: string };
    try {
      const res = await this.client.chain("v3/pay/transactions/out-trade-no/{out_trade_no}").get({ params: { mchid: this.cfg.mchid }, out_trade_no: orderNo });
      data = res.data;
    } catch (e) {
      const { status, code } = errorCode(e);
      if (status === 404 || code === "ORDER_NOT_EXIST") return { state: "NOT_FOUND" };
      this.fail(e, "order query");
    }
    const total = data.amount?.total;
    const paid = {
      gatewayTxnId: data.transaction_id,
      paidAmountFen: typeof total === "number" && Number.isSafeInteger(total) && total >= 0 ? BigInt(total) : undefined,
      paidAt: data.success_time ? new Date(data.success_time) : undefined,
    };
    switch (data.trade_state) {
      case "SUCCESS":
        if (!paid.gatewayTxnId || paid.paidAmountFen === undefined)
          throw new GatewayError(this.channel, "order query: SUCCESS without transaction id or amount");
        return { state: "PAID", ...paid };
      case "REFUND":
        return { state: "REFUNDED", ...paid };
      case "NOTPAY":
      case "USERPAYING":
        return { state: "NOTPAY" };
      case "CLOSED":
      case "REVOKED":
      case "PAYERROR":
        return { state: "CLOSED" };
      default:
        throw new GatewayError(this.channel, `order query: unknown trade_state ${String(data.trade_state)}`);
    }
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    try {
      const res = await this.client.chain("v3/refund/domestic/refunds").post({
        transaction_id: input.gatewayTxnId,
        out_refund_no: input.refundNo,
        reason: input.reason.slice(0, 80),
        amount: { refund: Number(input.amountFen), total: Number(input.totalFen), currency: "CNY" },
      });
      const data = res.data as { status?: string; refund_id?: string };
      const state = data.status === "SUCCESS" ? "SUCCEEDED" : data.status === "PROCESSING" ? "PENDING" : "FAILED";
      return { state, gatewayRefundId: data.refund_id, detail: data.status };
    } catch (e) {
      const { status, code } = errorCode(e);
      // A 4xx with a business code is a definite refusal (e.g. NOT_ENOUGH); anything else is unknown.
      if (status && status >= 400 && status < 500 && code) return { state: "FAILED", detail: code };
      this.fail(e, "refund");
    }
  }

  async downloadStatement(day: string): Promise<StatementRow[] | null> {
    let meta: { download_url?: string; hash_type?: string; hash_value?: string };
    try {
      meta = (await this.client.chain("v3/bill/tradebill").get({ params: { bill_date: day, bill_type: "SUCCESS" } })).data;
    } catch (e) {
      const { code } = errorCode(e);
      if (code === "NO_STATEMENT_EXIST") return [];
      this.fail(e, "trade bill");
    }
    if (!meta.download_url) throw new GatewayError(this.channel, "trade bill: no download_url");
    const url = new URL(meta.download_url);
    let file: Buffer;
    try {
      const res = await this.client.chain("v3/billdownload/file").get({ params: Object.fromEntries(url.searchParams), responseType: "arraybuffer" });
      file = Buffer.from(res.data as ArrayBuffer);
    } catch (e) {
      this.fail(e, "bill download");
    }
    if (meta.hash_type === "SHA1" && meta.hash_value && createHash("sha1").update(file).digest("hex") !== meta.hash_value.toLowerCase()) {
      throw new GatewayError(this.channel, "bill download: SHA1 mismatch");
    }
    return parseWechatTradeBill(file, this.channel);
  }

  ackReply() {
    return v3Replies.ack();
  }

  failReply(status: number, message: string) {
    return v3Replies.fail(status, message);
  }
}

/** Parse a WeChat trade bill (CSV, BOM, back-quoted cells) into payment rows; amounts without floats. */
export function parseWechatTradeBill(file: Buffer | string, channel: OnlineChannel): StatementRow[] {
  const text = Buffer.from(file).toString("utf8");
  if (text.replace(/^\uFEFF/, "").trim() === "") return [];
  const { rows } = Formatter.castCsvBill(Buffer.from(file)) as { rows: Record<string, string>[] };
  const out: StatementRow[] = [];
  for (const r of rows) {
    if ((r["交易状态"] ?? "").trim() !== "SUCCESS") continue;
    const orderNo = (r["商户订单号"] ?? "").trim();
    const txn = (r["微信订单号"] ?? "").trim();
    const paidAt = parseShanghaiDateTime(r["交易时间"]);
    let amountFen: bigint;
    try {
      amountFen = yuanToFen((r["订单金额"] ?? r["应结订单金额"] ?? "").trim());
    } catch (e) {
      if (e instanceof MoneyParseError) throw new GatewayError(channel, `trade bill: bad amount for ${orderNo}`);
      throw e;
    }
    if (!orderNo || !txn || !paidAt) throw new GatewayError(channel, "trade bill: malformed row");
    out.push({ orderNo, gatewayTxnId: txn, amountFen, paidAt });
  }
  return out;
}

/** An axios adapter that hands the signed request to an in-process handler (the sandbox). */
export function inProcessAdapter(
  handle: (req: {
    method: string;
    pathWithQuery: string;
    headers: Headers;
    body: string;
  }) => Promise<{ status: number; headers: Record<string, string>; body: string }>,
): AxiosAdapter {
  return async (config) => {
    const full = new URL(axios.getUri(config), config.baseURL);
    const headers = new Headers();
    for (const [k, v] of Object.entries(config.headers?.toJSON?.() ?? {})) if (v !== undefined && v !== null) headers.set(k, String(v));
    const body = typeof config.data === "string" ? config.data : config.data === undefined ? "" : JSON.stringify(config.data);
    const res = await handle({ method: (config.method ?? "get").toUpperCase(), pathWithQuery: `${full.pathname}${full.search}`, headers, body });
    const data = config.responseType === "arraybuffer" ? Buffer.from(res.body, "utf8") : res.body;
    const response: AxiosResponse = { data, status: res.status, statusText: String(res.status), headers: res.headers, config, request: {} };
    const validate = config.validateStatus ?? ((s: number) => s >= 200 && s < 300);
    // Like axios' own adapters (settle): axios then runs the SDK's response verifier and JSON parsing.
    if (!validate(res.status)) throw new axios.AxiosError(`Request failed with status code ${res.status}`, "ERR_BAD_REQUEST", config, {}, response);
    return response;
  };
}
