// Alipay's daily trade bill (bill_type=trade, from alipay.data.dataservice.bill.downloadurl.query):
// a ZIP holding `<pid>0156_<yyyyMMdd>_业务明细.csv` (one row per payment or refund) and
// `…_业务明细(汇总).csv` (totals, ignored). The CSV is GBK, wrapped in `#` comment lines (title,
// account, period, then the totals and export time after the rows); cells are padded with tabs
// and spaces (and may be quoted). Pure: no SDK, no database; amounts without floating point.
import { unzipSync } from "fflate";
import { MoneyParseError, yuanToFen } from "@/lib/money";
import { parseShanghaiDateTime } from "@/lib/time";
import { GatewayError, type StatementRow } from "./types";

/** A refund in the bill: not a payment, so never fed to crediting; kept for reporting. */
export interface AlipayBillRefund {
  orderNo: string;
  gatewayTxnId: string;
  /** positive fen */
  amountFen: bigint;
  refundedAt: Date;
  /** 退款批次号/请求号 (our refundNo), when present */
  refundRequestNo: string | null;
}

export interface AlipayTradeBill {
  payments: StatementRow[];
  refunds: AlipayBillRefund[];
}

/** Largest detail CSV we are willing to inflate (a campus sees far fewer rows). */
const MAX_CSV_BYTES = 64 * 1024 * 1024;

const fail = (message: string) => new GatewayError("ALIPAY", `trade bill: ${message}`);

/** ZIP entry names without the UTF-8 flag arrive from fflate as latin-1; Alipay writes them in GBK. */
export function decodeZipEntryName(name: string): string {
  if (!/[\x80-\xff]/.test(name) || /[^\x00-\xff]/.test(name)) return name; // ASCII, or already decoded as UTF-8
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gbk").decode(bytes);
  }
}

/** The detail CSV's bytes (`…_业务明细.csv`, not `…_业务明细(汇总).csv`). */
export function extractAlipayDetailCsv(zip: Uint8Array): Uint8Array {
  let files: Record<string, Uint8Array>;
  let tooLarge = false;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (!decodeZipEntryName(f.name).endsWith("_业务明细.csv")) return false;
        if (f.originalSize > MAX_CSV_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
  } catch (e) {
    throw fail(`not a readable ZIP (${(e as Error).message})`);
  }
  if (tooLarge) throw fail("detail CSV too large");
  const names = Object.keys(files);
  if (names.length !== 1) throw fail(`expected one _业务明细.csv, found ${names.length}`);
  return files[names[0]!]!;
}

/** RFC 4180-ish records; `#` lines are comments; cells trimmed of spaces/tabs (inside and outside quotes). */
export function parseBillCsv(text: string): string[][] {
  const records: string[][] = [];
  const s = text.replace(/^\uFEFF/, "");
  let i = 0;
  const n = s.length;
  while (i < n) {
    // Start of a line.
    if (s[i] === "#") {
      while (i < n && s[i] !== "\n") i++;
      i++;
      continue;
    }
    const record: string[] = [];
    for (;;) {
      while (i < n && (s[i] === " " || s[i] === "\t")) i++;
      let cell = "";
      if (s[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw fail("unterminated quoted cell");
          if (s[i] === '"') {
            if (s[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          cell += s[i++];
        }
        // Padding after the closing quote; anything else is kept (lenient).
        while (i < n && s[i] !== "," && s[i] !== "\n" && s[i] !== "\r") {
          if (s[i] !== " " && s[i] !== "\t") cell += s[i];
          i++;
        }
      } else {
        while (i < n && s[i] !== "," && s[i] !== "\n" && s[i] !== "\r") cell += s[i++];
      }
      record.push(cell.trim());
      if (s[i] === ",") {
        i++;
        continue;
      }
      if (s[i] === "\r") i++;
      if (s[i] === "\n") i++;
      break;
    }
    if (record.some((c) => c !== "")) records.push(record);
  }
  return records;
}

/** Header names compared without spaces and with ASCII parentheses: 订单金额（元） = 订单金额(元). */
const norm = (h: string) => h.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");

function amount(text: string, what: string, orderNo: string): bigint {
  try {
    return yuanToFen(text);
  } catch (e) {
    if (e instanceof MoneyParseError) throw fail(`bad ${what} "${text}" for ${orderNo}`);
    throw e;
  }
}

/** Parse the decoded detail CSV into payments (业务类型 交易) and refunds (业务类型 退款). */
export function parseAlipayDetailCsv(text: string): AlipayTradeBill {
  const records = parseBillCsv(text);
  const headerAt = records.findIndex((r) => r.map(norm).includes("支付宝交易号") && r.map(norm).includes("商户订单号"));
  if (headerAt < 0) throw fail("no header row (支付宝交易号, 商户订单号)");
  const header = records[headerAt]!.map(norm);
  const col = (name: string, required = true) => {
    const k = header.indexOf(norm(name));
    if (k < 0 && required) throw fail(`no column ${name}`);
    return k;
  };
  const cTxn = col("支付宝交易号");
  const cOrder = col("商户订单号");
  const cType = col("业务类型");
  const cCreated = col("创建时间", false);
  const cDone = col("完成时间");
  const cAmount = col("订单金额（元）");
  const cRefundNo = col("退款批次号/请求号", false);

  const out: AlipayTradeBill = { payments: [], refunds: [] };
  for (const r of records.slice(headerAt + 1)) {
    const type = r[cType] ?? "";
    if (type !== "交易" && type !== "退款") continue; // other business types are not ours to reconcile
    const gatewayTxnId = r[cTxn] ?? "";
    const orderNo = r[cOrder] ?? "";
    if (!gatewayTxnId || !orderNo) throw fail("row without 支付宝交易号/商户订单号");
    const at = parseShanghaiDateTime(r[cDone]) ?? (cCreated >= 0 ? parseShanghaiDateTime(r[cCreated]) : null);
    if (!at) throw fail(`bad 完成时间 for ${orderNo}`);
    const rawAmount = r[cAmount] ?? "";
    if (type === "交易") {
      out.payments.push({ orderNo, gatewayTxnId, amountFen: amount(rawAmount, "订单金额", orderNo), paidAt: at });
    } else {
      // Refund rows carry the refunded amount, normally negative: keep the magnitude.
      const amountFen = amount(rawAmount.replace(/^-/, ""), "退款金额", orderNo);
      out.refunds.push({ orderNo, gatewayTxnId, amountFen, refundedAt: at, refundRequestNo: (cRefundNo >= 0 ? r[cRefundNo] : "") || null });
    }
  }
  return out;
}

/** ZIP → detail CSV → GBK text → payments and refunds. Throws GatewayError when anything is off. */
export function parseAlipayTradeBillZip(zip: Uint8Array): AlipayTradeBill {
  const csv = extractAlipayDetailCsv(zip);
  // Not fatal: a stray byte in a product name must not hide the day's payments (the header check still catches a wrong encoding).
  return parseAlipayDetailCsv(new TextDecoder("gbk").decode(csv));
}
