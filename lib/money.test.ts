import { describe, expect, it } from "vitest";
import { fenToYuanString, formatFen, MoneyParseError, toFen, yuanSchema, yuanToFen } from "./money";

describe("yuanToFen", () => {
  it.each([
    ["5", 500n],
    ["5.5", 550n],
    ["5.50", 550n],
    ["0.01", 1n],
    ["0", 0n],
    ["005.05", 505n],
    [" 10 ", 1000n],
    ["200", 20000n],
    ["１０.５", 1050n],
    ["999999999999.99", 99999999999999n],
  ])("parses %j", (input, fen) => {
    expect(yuanToFen(input)).toBe(fen);
  });

  it.each([
    ["", "EMPTY"],
    ["   ", "EMPTY"],
    ["-1", "NEGATIVE"],
    ["1.234", "TOO_MANY_DECIMALS"],
    ["abc", "INVALID_FORMAT"],
    ["1e3", "INVALID_FORMAT"],
    ["NaN", "INVALID_FORMAT"],
    ["Infinity", "INVALID_FORMAT"],
    ["+5", "INVALID_FORMAT"],
    ["5.", "INVALID_FORMAT"],
    [".5", "INVALID_FORMAT"],
    ["1,000", "INVALID_FORMAT"],
    ["¥5", "INVALID_FORMAT"],
    ["0x10", "INVALID_FORMAT"],
    ["1 0", "INVALID_FORMAT"],
    ["1000000000000", "TOO_LARGE"],
  ])("rejects %j with %s", (input, code) => {
    expect(() => yuanToFen(input)).toThrow(MoneyParseError);
    try {
      yuanToFen(input);
    } catch (error) {
      expect((error as MoneyParseError).code).toBe(code);
    }
  });

  it("round-trips with fenToYuanString", () => {
    for (const fen of [0n, 1n, 9n, 10n, 99n, 100n, 1230n, 123456789n]) {
      expect(yuanToFen(fenToYuanString(fen))).toBe(fen);
    }
  });
});

describe("fenToYuanString", () => {
  it("formats two decimals", () => {
    expect(fenToYuanString(1230n)).toBe("12.30");
    expect(fenToYuanString(0n)).toBe("0.00");
    expect(fenToYuanString(5n)).toBe("0.05");
    expect(fenToYuanString(-5n)).toBe("-0.05");
    expect(fenToYuanString(-123456n)).toBe("-1234.56");
    expect(fenToYuanString(12345678901234567890123n)).toBe("123456789012345678901.23");
  });
});

describe("toFen", () => {
  it("accepts bigint, safe integers and integer strings", () => {
    expect(toFen(5n)).toBe(5n);
    expect(toFen(500)).toBe(500n);
    expect(toFen("-42")).toBe(-42n);
  });
  it("rejects fractions and garbage", () => {
    expect(() => toFen(1.5)).toThrow(RangeError);
    expect(() => toFen(2 ** 60)).toThrow(RangeError);
    expect(() => toFen("1.5")).toThrow(RangeError);
    expect(() => toFen("")).toThrow(RangeError);
  });
});

describe("formatFen", () => {
  it("formats CNY per locale", () => {
    expect(formatFen(123450n, "zh-CN")).toBe("¥1,234.50");
    expect(formatFen(123450n, "en")).toBe("¥1,234.50");
    expect(formatFen(0, "zh-CN")).toBe("¥0.00");
    expect(formatFen("5", "zh-CN")).toBe("¥0.05");
    expect(formatFen(-1000n, "zh-CN")).toBe("-¥10.00");
  });
  it("keeps every digit of huge values", () => {
    expect(formatFen(12345678901234567890123n, "en")).toBe("¥123,456,789,012,345,678,901.23");
  });
});

describe("yuanSchema", () => {
  it("yields fen from the text as typed", () => {
    expect(yuanSchema.parse("5.5")).toBe(550n);
    expect(yuanSchema.parse("１０")).toBe(1000n);
  });

  it.each([
    ["", "EMPTY"],
    ["-5", "NEGATIVE"],
    ["5.001", "TOO_MANY_DECIMALS"],
    ["1e3", "INVALID_FORMAT"],
    ["99999999999999", "TOO_LARGE"],
    ["1".repeat(33), "INVALID_FORMAT"],
  ])("refuses %j with the code %s as the issue message", (input, code) => {
    const r = yuanSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(code);
  });

  it("refuses what is not text", () => {
    expect(yuanSchema.safeParse(12).success).toBe(false);
  });
});
