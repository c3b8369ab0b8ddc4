import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodeZipEntryName, parseAlipayDetailCsv, parseAlipayTradeBillZip, parseBillCsv } from "./alipay-statement";
import { GatewayError } from "./types";
import { alipayBillZip, gbkEncode } from "./alipay-statement.fixtures";

// A realistic 业务明细: `#` title/footer lines, cells padded with tabs, one quoted cell, a payment,
// a second payment, a refund, and a business type we do not reconcile.
const HEADER =
  "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
const detail = [
  "#支付宝业务明细查询",
  "#账号：[20880000000000010156]",
  "#起始日期：[2026年11月20日 00:00:00]   终止日期：[2026年11月21日 00:00:00]",
  "#-----------------------------------------业务明细列表----------------------------------------",
  HEADER,
  '2026112022001400001\t,R20261120100000AAAAAA\t,交易\t,"校园网, 网费充值"\t,2026-11-20 09:59:50\t,2026-11-20 10:00:05\t,\t,\t,\t,\t,stu***@example.edu\t,0.10\t,0.10\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,',
  '  2026112022001400002\t,\t"R20261120100000BBBBBB"  ,交易,校园网网费充值,2026-11-20 23:59:58,2026-11-20 23:59:59,,,,,138****0000,1234.56,1234.56,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,-7.41,0.00,',
  "2026111922001400009\t,R20261119100000CCCCCC\t,退款\t,校园网网费充值\t,2026-11-19 08:00:00\t,2026-11-20 12:30:00\t,\t,\t,\t,\t,stu***@example.edu\t,-5.00\t,-5.00\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,F20261120000000AAAAAA\t,0.03\t,0.00\t,",
  "2026112022001400010\t,OTHER-1\t,其他\t,x\t,2026-11-20 11:00:00\t,2026-11-20 11:00:00\t,,,,,x,1.00,1.00,0,0,0,0,0,,0,0,,0,0,",
  "#-----------------------------------------业务明细列表结束------------------------------------",
  "#交易合计：2笔，商家实收共1234.66元，商家优惠共0.00元",
  "#退款合计：1笔，商家实收退款共-5.00元，商家优惠退款共0.00元",
  "#导出时间：[2026年11月21日 09:12:34]",
].join("\r\n");
const summary = [
  "#支付宝业务汇总查询",
  "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）",
  "合计,,2,1,1234.66,1229.66",
  "#导出时间：[2026年11月21日 09:12:34]",
].join("\r\n");

describe("GBK test encoder (checked against known GB2312 code points)", () => {
  it("encodes the words the bill relies on", () => {
    const hex = (s: string) => Buffer.from(gbkEncode(s)).toString("hex");
    expect(hex("业务明细")).toBe("d2b5cef1c3f7cfb8");
    expect(hex("汇总")).toBe("bbe3d7dc");
    expect(hex("商户订单号")).toBe("c9ccbba7b6a9b5a5bac5");
    expect(hex("退款")).toBe("cdcbbfee");
    expect(hex("交易")).toBe("bdbbd2d7");
    expect(hex("（元）")).toBe("a3a8d4aaa3a9");
  });
});

describe("Alipay trade bill (业务明细)", () => {
  it("unzips the GBK detail CSV (GBK entry names), ignores the summary CSV, maps payments and refunds in exact fen", () => {
    const zip = alipayBillZip({
      "20880000000000010156_20261120_业务明细.csv": gbkEncode(detail),
      "20880000000000010156_20261120_业务明细(汇总).csv": gbkEncode(summary),
    });
    const bill = parseAlipayTradeBillZip(zip);
    expect(bill.payments).toEqual([
      { orderNo: "R20261120100000AAAAAA", gatewayTxnId: "2026112022001400001", amountFen: 10n, paidAt: new Date("2026-11-20T02:00:05Z") },
      { orderNo: "R20261120100000BBBBBB", gatewayTxnId: "2026112022001400002", amountFen: 123456n, paidAt: new Date("2026-11-20T15:59:59Z") },
    ]);
    expect(bill.refunds).toEqual([
      {
        orderNo: "R20261119100000CCCCCC",
        gatewayTxnId: "2026111922001400009",
        amountFen: 500n,
        refundedAt: new Date("2026-11-20T04:30:00Z"),
        refundRequestNo: "F20261120000000AAAAAA",
      },
    ]);
  });

  it("also reads a ZIP whose entry names carry the UTF-8 flag, and an empty day", () => {
    const empty = detail
      .split("\r\n")
      .filter((l) => l.startsWith("#") || l === HEADER)
      .join("\n");
    const zip = zipSync({ "2088_20261120_业务明细(汇总).csv": gbkEncode(summary), "2088_20261120_业务明细.csv": gbkEncode(empty) });
    expect(parseAlipayTradeBillZip(zip)).toEqual({ payments: [], refunds: [] });
  });

  it("refuses what is not a usable bill (GatewayError, so reconciliation falls back to order queries)", () => {
    const noDetail = alipayBillZip({ "2088_20261120_业务明细(汇总).csv": gbkEncode(summary) });
    expect(() => parseAlipayTradeBillZip(noDetail)).toThrow(GatewayError);
    expect(() => parseAlipayTradeBillZip(new TextEncoder().encode("<html>下载超时，请重新下载</html>"))).toThrow(GatewayError);
    expect(() => parseAlipayDetailCsv("#only comments\n")).toThrow(/no header/);
    const floaty = `${HEADER}\n1,R1,交易,x,2026-11-20 10:00:00,2026-11-20 10:00:00,,,,,x,0.105,0.105`;
    expect(() => parseAlipayDetailCsv(floaty)).toThrow(/bad 订单金额/);
    const noTime = `${HEADER}\n1,R1,交易,x,,,,,,,x,1.00,1.00`;
    expect(() => parseAlipayDetailCsv(noTime)).toThrow(/完成时间/);
  });

  it("CSV cells: quotes, doubled quotes, padding inside and outside quotes, comment lines", () => {
    expect(parseBillCsv('#c\r\n a\t, " b ""x"", c "\t,,\n#tail\n\n')).toEqual([["a", 'b "x", c', "", ""]]);
    expect(decodeZipEntryName("plain.csv")).toBe("plain.csv");
    expect(decodeZipEntryName("已解码.csv")).toBe("已解码.csv");
    expect(decodeZipEntryName(String.fromCharCode(...gbkEncode("业务明细")))).toBe("业务明细");
  });
});
