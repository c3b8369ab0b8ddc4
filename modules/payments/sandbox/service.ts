import "server-only";
// The embedded sandbox gateway: an outside payment company that happens to live inside the
// app for development, demos and tests. It keeps its own books (sandbox_trades,
// sandbox_refunds), speaks a WeChat Pay v3-compatible API (signed requests in, signed
// responses out), shows a checkout page (/sandbox-pay/<outTradeNo>) and sends signed,
// encrypted notifications asynchronously — after a delay, sometimes twice, sometimes late,
// sometimes never (env knobs). Nothing here touches our orders or the ledger.
import { createHash, randomInt } from "node:crypto";
import { Formatter } from "wechatpay-axios-plugin";
import { z } from "zod";
import { now as clockNow, wallMs } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fenToYuanString } from "@/lib/money";
import type { SandboxTradeState } from "@/lib/generated/prisma/enums";
import { encryptV3Resource, rfc3339Shanghai, signV3Message, verifyV3Request } from "../wechat-v3";
import { sandboxKeys, sandboxMerchant } from "./keys";
import { shanghaiDayRange, shanghaiDateTime } from "@/lib/time";

const OUT_TRADE_NO_RE = /^[0-9A-Za-z_*|-]{1,64}$/;
const validTradeNo = (v: unknown): v is string => typeof v === "string" && OUT_TRADE_NO_RE.test(v);

export const SANDBOX_MERCHANT_NAME = "校园网络与信息技术中心（沙箱商户）";

export interface SandboxHttpRequest {
  method: string;
  /** path and query as signed, e.g. /v3/pay/transactions/out-trade-no/R1?mchid=1900000109 */
  pathWithQuery: string;
  headers: Headers;
  body: string;
}

export interface SandboxHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const tradeSelect = {
  outTradeNo: true,
  transactionId: true,
  amountFen: true,
  description: true,
  notifyUrl: true,
  state: true,
  refundedFen: true,
  createdAt: true,
  paidAt: true,
  notifiedAt: true,
} as const;

type Trade = {
  outTradeNo: string;
  transactionId: string;
  amountFen: bigint;
  description: string | null;
  notifyUrl: string;
  state: SandboxTradeState;
  refundedFen: bigint;
  createdAt: Date;
  paidAt: Date | null;
  notifiedAt: Date | null;
};

function newTransactionId(): string {
  // WeChat transaction ids are 28 digits starting 42000…
  let s = "42000";
  while (s.length < 28) s += String(randomInt(0, 10));
  return s;
}

function publicBaseUrl(): string {
  return (env.PAYMENT_NOTIFY_BASE_URL ?? env.NEXTAUTH_URL).replace(/\/$/, "");
}

// ───────────────────────── signed API (what the merchant calls) ─────────────────────────

function signedJson(status: number, payload: unknown): SandboxHttpResponse {
  const body = payload === undefined ? "" : JSON.stringify(payload);
  const k = sandboxKeys();
  return { status, headers: { "Content-Type": "application/json", ...signV3Message(body, k.gatewayPrivateKey, k.gatewayKeyId) }, body };
}

const apiError = (status: number, code: string, message: string) => signedJson(status, { code, message });

const h5Schema = z.object({
  appid: z.string(),
  mchid: z.string(),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(/^[0-9A-Za-z_*|-]{6,32}$/),
  notify_url: z.string().url().max(256),
  time_expire: z.string().optional(),
  amount: z.object({ total: z.number().int().positive().max(100_000_000), currency: z.literal("CNY").optional() }),
  scene_info: z.unknown().optional(),
});

const refundSchema = z.object({
  out_trade_no: z
    .string()
    .regex(/^[0-9A-Za-z_*|-]{1,64}$/)
    .optional(),
  transaction_id: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,64}$/)
    .optional(),
  out_refund_no: z.string().regex(/^[0-9A-Za-z_*|@-]{1,64}$/),
  reason: z.string().max(80).optional(),
  notify_url: z.string().optional(),
  amount: z.object({ refund: z.number().int().positive(), total: z.number().int().positive(), currency: z.literal("CNY") }),
});

function tradeJson(t: Trade) {
  const state = t.state === "SUCCESS" ? "SUCCESS" : t.state === "REFUND" ? "REFUND" : t.state === "CLOSED" ? "CLOSED" : "NOTPAY";
  const m = sandboxMerchant();
  return {
    appid: m.appid,
    mchid: m.mchid,
    out_trade_no: t.outTradeNo,
    ...(t.paidAt ? { transaction_id: t.transactionId, success_time: rfc3339Shanghai(t.paidAt) } : {}),
    trade_type: "MWEB",
    trade_state: state,
    trade_state_desc: state,
    amount: { total: Number(t.amountFen), payer_total: t.paidAt ? Number(t.amountFen) : 0, currency: "CNY", payer_currency: "CNY" },
  };
}

/** The sandbox's HTTP API, WeChat Pay v3-shaped. Requests must carry our merchant signature. */
export async function handleSandboxApi(req: SandboxHttpRequest): Promise<SandboxHttpResponse> {
  const k = sandboxKeys();
  const m = sandboxMerchant();
  const ok = verifyV3Request(
    { method: req.method, pathWithQuery: req.pathWithQuery, body: req.body, authorization: req.headers.get("authorization") },
    { mchid: m.mchid, serial: k.merchantSerial, publicKey: k.merchantPublicKey },
  );
  if (!ok) return apiError(401, "SIGN_ERROR", "签名错误");

  const url = new URL(req.pathWithQuery, "http://sandbox.invalid");
  const path = url.pathname.replace(/\/+$/, "");
  const method = req.method.toUpperCase();
  let json: unknown = undefined;
  if (req.body) {
    try {
      json = JSON.parse(req.body);
    } catch {
      return apiError(400, "PARAM_ERROR", "请求体不是合法的JSON");
    }
  }

  if (method === "POST" && path === "/v3/pay/transactions/h5") {
    const p = h5Schema.safeParse(json);
    if (!p.success) return apiError(400, "PARAM_ERROR", p.error.issues[0]?.message ?? "参数错误");
    if (p.data.mchid !== m.mchid || p.data.appid !== m.appid) return apiError(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
    const amountFen = BigInt(p.data.amount.total);
    const existing = await db().sandboxTrade.findUnique({ where: { outTradeNo: p.data.out_trade_no }, select: tradeSelect });
    if (existing) {
      if (existing.amountFen !== amountFen) return apiError(400, "INVALID_REQUEST", "订单号重复");
      if (existing.state !== "NOTPAY") return apiError(400, existing.state === "CLOSED" ? "ORDER_CLOSED" : "ORDERPAID", "订单已支付或已关闭");
    } else {
      await db().sandboxTrade.upsert({
        where: { outTradeNo: p.data.out_trade_no },
        create: {
          outTradeNo: p.data.out_trade_no,
          transactionId: newTransactionId(),
          amountFen,
          description: p.data.description,
          notifyUrl: p.data.notify_url,
        },
        update: {},
      });
    }
    return signedJson(200, { h5_url: `${publicBaseUrl()}/sandbox-pay/${encodeURIComponent(p.data.out_trade_no)}?prepay_id=${Formatter.nonce(16)}` });
  }

  const queryMatch = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path);
  if (method === "GET" && queryMatch) {
    if (url.searchParams.get("mchid") !== m.mchid) return apiError(400, "PARAM_ERROR", "mchid 错误");
    const no = safeDecode(queryMatch[1]!);
    if (!validTradeNo(no)) return apiError(404, "ORDER_NOT_EXIST", "订单不存在");
    const t = await db().sandboxTrade.findUnique({ where: { outTradeNo: no }, select: tradeSelect });
    if (!t) return apiError(404, "ORDER_NOT_EXIST", "订单不存在");
    return signedJson(200, tradeJson(t));
  }

  const closeMatch = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path);
  if (method === "POST" && closeMatch) {
    const no = safeDecode(closeMatch[1]!);
    if (validTradeNo(no)) await db().sandboxTrade.updateMany({ where: { outTradeNo: no, state: "NOTPAY" }, data: { state: "CLOSED" } });
    return signedJson(204, undefined);
  }

  if (method === "POST" && path === "/v3/refund/domestic/refunds") {
    const p = refundSchema.safeParse(json);
    if (!p.success) return apiError(400, "PARAM_ERROR", p.error.issues[0]?.message ?? "参数错误");
    return refundTrade(p.data);
  }

  if (method === "GET" && path === "/v3/bill/tradebill") {
    const day = url.searchParams.get("bill_date") ?? "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return apiError(400, "PARAM_ERROR", "bill_date 格式错误");
    const csv = await statementCsv(day);
    return signedJson(200, {
      hash_type: "SHA1",
      hash_value: createHash("sha1").update(csv).digest("hex"),
      download_url: `${publicBaseUrl()}/api/payments/sandbox/v3/billdownload/file?token=${encodeURIComponent(day)}`,
    });
  }

  if (method === "GET" && path === "/v3/billdownload/file") {
    const day = url.searchParams.get("token") ?? "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return apiError(400, "PARAM_ERROR", "token 错误");
    // Like WeChat: the file itself is not signed; its SHA1 came in the signed tradebill answer.
    return { status: 200, headers: { "Content-Type": "text/csv; charset=utf-8" }, body: await statementCsv(day) };
  }

  return apiError(404, "NOT_FOUND", "接口不存在");
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return "";
  }
}

async function refundTrade(p: z.infer<typeof refundSchema>): Promise<SandboxHttpResponse> {
  const amount = BigInt(p.amount.refund);
  type Locked = { outTradeNo: string; transactionId: string; amountFen: bigint; refundedFen: bigint; state: string };
  const outcome = await db().$transaction(async (tx) => {
    // Lock the trade first, then look for the refund number: a retried refund is answered, never repeated.
    const rows = p.out_trade_no
      ? await tx.$queryRaw<Locked[]>`SELECT "outTradeNo", "transactionId", "amountFen", "refundedFen", "state"::text AS state
          FROM "sandbox_trades" WHERE "outTradeNo" = ${p.out_trade_no} FOR UPDATE`
      : p.transaction_id
        ? await tx.$queryRaw<Locked[]>`SELECT "outTradeNo", "transactionId", "amountFen", "refundedFen", "state"::text AS state
            FROM "sandbox_trades" WHERE "transactionId" = ${p.transaction_id} FOR UPDATE`
        : [];
    const t = rows[0];
    if (!t) return apiError(404, "RESOURCE_NOT_EXISTS", "订单不存在");
    const previous = await tx.sandboxRefund.findUnique({ where: { outRefundNo: p.out_refund_no } });
    if (previous) return previous;
    if (t.state !== "SUCCESS" && t.state !== "REFUND") return apiError(400, "INVALID_REQUEST", "订单未支付");
    if (BigInt(p.amount.total) !== t.amountFen) return apiError(400, "PARAM_ERROR", "订单金额不一致");
    if (t.refundedFen + amount > t.amountFen) return apiError(403, "NOT_ENOUGH", "可退金额不足");
    await tx.sandboxTrade.update({ where: { outTradeNo: t.outTradeNo }, data: { refundedFen: { increment: amount }, state: "REFUND" } });
    return tx.sandboxRefund.create({
      data: {
        outRefundNo: p.out_refund_no,
        refundId: `50${newTransactionId().slice(2)}`,
        outTradeNo: t.outTradeNo,
        amountFen: amount,
        reason: p.reason ?? null,
      },
    });
  });
  if ("status" in outcome) return outcome;
  return signedJson(200, {
    refund_id: outcome.refundId,
    out_refund_no: outcome.outRefundNo,
    out_trade_no: outcome.outTradeNo,
    channel: "ORIGINAL",
    status: "SUCCESS",
    create_time: rfc3339Shanghai(outcome.createdAt),
    amount: { refund: Number(outcome.amountFen), currency: "CNY" },
  });
}

// ───────────────────────── the daily statement (对账单) ─────────────────────────

const BILL_HEAD =
  "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
const BILL_FOOT_HEAD = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

/** The successful payments of one Shanghai day, as a WeChat-format CSV (BOM, back-quoted cells). */
export async function statementCsv(day: string): Promise<string> {
  const { from, to } = shanghaiDayRange(day);
  const m = sandboxMerchant();
  const trades = await db().sandboxTrade.findMany({
    where: { paidAt: { gte: from, lt: to }, state: { in: ["SUCCESS", "REFUND"] } },
    orderBy: { paidAt: "asc" },
    select: tradeSelect,
  });
  const q = (v: string) => "`" + v;
  let total = 0n;
  const lines = trades.map((t) => {
    total += t.amountFen;
    const yuan = fenToYuanString(t.amountFen);
    return [
      shanghaiDateTime(t.paidAt!),
      m.appid,
      m.mchid,
      "0",
      "",
      t.transactionId,
      t.outTradeNo,
      "sandbox-openid",
      "MWEB",
      "SUCCESS",
      "OTHERS",
      "CNY",
      yuan,
      "0.00",
      "0",
      "0",
      "0.00",
      "0.00",
      "",
      "",
      t.description ?? "",
      "",
      "0.00",
      "0.60%",
      yuan,
      "0.00",
      "",
    ]
      .map(q)
      .join(",");
  });
  const foot = [String(trades.length), fenToYuanString(total), "0.00", "0.00", "0.00", fenToYuanString(total), "0.00"].map(q).join(",");
  return "\uFEFF" + [BILL_HEAD, ...lines, BILL_FOOT_HEAD, foot, ""].join("\r\n");
}

// ───────────────────────── checkout (the payer's side) ─────────────────────────

export interface CheckoutView {
  merchantName: string;
  outTradeNo: string;
  description: string;
  amountFen: bigint;
  state: SandboxTradeState;
  createdAt: Date;
  paidAt: Date | null;
}

export async function getCheckout(outTradeNo: string): Promise<CheckoutView | null> {
  if (!validTradeNo(outTradeNo)) return null;
  const t = await db().sandboxTrade.findUnique({ where: { outTradeNo }, select: tradeSelect });
  if (!t) return null;
  return {
    merchantName: SANDBOX_MERCHANT_NAME,
    outTradeNo: t.outTradeNo,
    description: t.description ?? "",
    amountFen: t.amountFen,
    state: t.state,
    createdAt: t.createdAt,
    paidAt: t.paidAt,
  };
}

/**
 * The payer presses 支付. NOTPAY → SUCCESS once (a double click pays once), then the
 * notification is scheduled. Returns the trade's state afterwards.
 */
export async function payTrade(outTradeNo: string, opts: { notify?: boolean; at?: Date } = {}): Promise<SandboxTradeState | null> {
  if (!validTradeNo(outTradeNo)) return null;
  const at = opts.at ?? clockNow();
  const changed = await db().sandboxTrade.updateMany({ where: { outTradeNo, state: "NOTPAY" }, data: { state: "SUCCESS", paidAt: at } });
  const t = await db().sandboxTrade.findUnique({ where: { outTradeNo }, select: { state: true } });
  if (changed.count === 1 && opts.notify !== false) scheduleNotifications(outTradeNo);
  return t?.state ?? null;
}

/** The payer presses 取消: the trade closes unpaid. */
export async function cancelTrade(outTradeNo: string): Promise<SandboxTradeState | null> {
  if (!validTradeNo(outTradeNo)) return null;
  await db().sandboxTrade.updateMany({ where: { outTradeNo, state: "NOTPAY" }, data: { state: "CLOSED" } });
  const t = await db().sandboxTrade.findUnique({ where: { outTradeNo }, select: { state: true } });
  return t?.state ?? null;
}

// ───────────────────────── notifications (the gateway calls us) ─────────────────────────

/** The signed, encrypted TRANSACTION.SUCCESS notification for a paid trade, as WeChat sends it. */
export async function buildTransactionNotification(
  outTradeNo: string,
  nowMs = wallMs(),
): Promise<{ url: string; body: string; headers: Record<string, string> } | null> {
  const t = await db().sandboxTrade.findUnique({ where: { outTradeNo }, select: tradeSelect });
  if (!t || !t.paidAt) return null;
  const m = sandboxMerchant();
  const k = sandboxKeys();
  const resource = encryptV3Resource(
    JSON.stringify({ ...tradeJson({ ...t, state: "SUCCESS" }), bank_type: "OTHERS", payer: { openid: "sandbox-openid" } }),
    m.apiV3Key,
    "transaction",
  );
  const body = JSON.stringify({
    id: crypto.randomUUID(),
    create_time: rfc3339Shanghai(new Date(nowMs)),
    resource_type: "encrypt-resource",
    event_type: "TRANSACTION.SUCCESS",
    summary: "支付成功",
    resource: { original_type: "transaction", ...resource },
  });
  return { url: t.notifyUrl, body, headers: { "Content-Type": "application/json", ...signV3Message(body, k.gatewayPrivateKey, k.gatewayKeyId, nowMs) } };
}

const RETRY_DELAYS_MS = [5_000, 15_000, 30_000];

export interface DeliveryStats {
  scheduled: number;
  duplicated: number;
  late: number;
  dropped: number;
  delivered: number;
  failed: number;
}
const stats = ((globalThis as unknown as { campusnetSandboxStats?: DeliveryStats }).campusnetSandboxStats ??= {
  scheduled: 0,
  duplicated: 0,
  late: 0,
  dropped: 0,
  delivered: 0,
  failed: 0,
});

export function sandboxDeliveryStats(): DeliveryStats {
  return { ...stats };
}

function later(ms: number, fn: () => void) {
  const t = setTimeout(fn, ms);
  t.unref?.();
}

/** Schedule the notification(s) for a newly paid trade according to the env knobs. */
export function scheduleNotifications(outTradeNo: string): void {
  if (Math.random() < env.SANDBOX_DROP_RATE) {
    stats.dropped++;
    return;
  }
  const late = Math.random() < env.SANDBOX_LATE_RATE;
  if (late) stats.late++;
  const delay = late ? env.SANDBOX_LATE_DELAY_MS : env.SANDBOX_NOTIFY_DELAY_MS;
  stats.scheduled++;
  later(delay, () => void deliver(outTradeNo, 0));
  if (Math.random() < env.SANDBOX_DUPLICATE_RATE) {
    stats.duplicated++;
    later(delay + 50 + Math.floor(Math.random() * 1000), () => void deliver(outTradeNo, RETRY_DELAYS_MS.length));
  }
}

/** POST one notification; retried a few times like a real gateway (lost if the process dies). */
export async function deliver(outTradeNo: string, attempt: number): Promise<boolean> {
  let delivered = false;
  try {
    const n = await buildTransactionNotification(outTradeNo);
    if (!n) return false;
    const res = await fetch(n.url, { method: "POST", headers: n.headers, body: n.body, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer().catch(() => undefined);
    delivered = res.status >= 200 && res.status < 300;
    if (delivered) {
      stats.delivered++;
      await db().sandboxTrade.updateMany({ where: { outTradeNo, notifiedAt: null }, data: { notifiedAt: clockNow() } });
    }
  } catch {
    delivered = false;
  }
  if (!delivered) {
    stats.failed++;
    if (attempt < RETRY_DELAYS_MS.length) later(RETRY_DELAYS_MS[attempt]!, () => void deliver(outTradeNo, attempt + 1));
  }
  return delivered;
}
