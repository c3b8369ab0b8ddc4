// Money is integer fen (分) as bigint everywhere; yuan only exists as text at the edges
// (what a user types, what a page shows). No floating point on this path.
import { z } from "zod";

export type MoneyParseErrorCode = "EMPTY" | "INVALID_FORMAT" | "NEGATIVE" | "TOO_MANY_DECIMALS" | "TOO_LARGE";

export class MoneyParseError extends Error {
  readonly code: MoneyParseErrorCode;
  readonly input: string;

  constructor(code: MoneyParseErrorCode, input: string) {
    super(`Invalid yuan amount (${code}): ${JSON.stringify(input)}`);
    this.name = "MoneyParseError";
    this.code = code;
    this.input = input;
  }
}

export const FEN_PER_YUAN = 100n;

/** Yuan amounts above this (one trillion yuan) are refused as typos rather than parsed. */
const MAX_INTEGER_DIGITS = 12;

/** Full-width digits and points, as Chinese IMEs may produce them. */
function normaliseWidth(input: string): string {
  return input.replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xff10 + 0x30)).replace(/[\uFF0E\u3002]/g, ".");
}

/**
 * Parses a user-typed yuan amount ("5", "5.5", "5.50", "０.５") into fen.
 * At most two decimals; no sign, exponent, separators or currency symbol.
 * Throws {@link MoneyParseError} with a code the UI can translate.
 */
export function yuanToFen(input: string): bigint {
  const raw = typeof input === "string" ? input : String(input);
  const text = normaliseWidth(raw.trim());
  if (text === "") throw new MoneyParseError("EMPTY", raw);
  if (text.startsWith("-")) throw new MoneyParseError("NEGATIVE", raw);

  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new MoneyParseError("INVALID_FORMAT", raw);

  const intPart = match[1]!.replace(/^0+(?=\d)/, "");
  const fracPart = match[2] ?? "";
  if (fracPart.length > 2) throw new MoneyParseError("TOO_MANY_DECIMALS", raw);
  if (intPart.length > MAX_INTEGER_DIGITS) throw new MoneyParseError("TOO_LARGE", raw);

  return BigInt(intPart) * FEN_PER_YUAN + BigInt(fracPart.padEnd(2, "0"));
}

/**
 * The one parse of a typed yuan amount, at the edge: an action's input schema takes the text
 * as typed and hands the service fen; a form runs the same schema for its inline error.
 * An issue's message is the {@link MoneyParseErrorCode}.
 */
export const yuanSchema = z
  .string()
  .max(32, "INVALID_FORMAT")
  .transform((text, ctx) => {
    try {
      return yuanToFen(text);
    } catch (e) {
      if (!(e instanceof MoneyParseError)) throw e;
      ctx.addIssue({ code: "custom", message: e.code });
      return z.NEVER;
    }
  });

/** 1230n → "12.30"; -5n → "-0.05". A plain decimal string, no grouping, no symbol. */
export function fenToYuanString(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / FEN_PER_YUAN;
  const cents = (abs % FEN_PER_YUAN).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${yuan.toString()}.${cents}`;
}

/** Accepts what arrives from JSON/Prisma/forms: bigint, a safe integer number, or an integer string. */
export function toFen(fen: bigint | number | string): bigint {
  if (typeof fen === "bigint") return fen;
  if (typeof fen === "number") {
    if (!Number.isSafeInteger(fen)) throw new RangeError(`Fen must be a safe integer, got ${fen}`);
    return BigInt(fen);
  }
  if (!/^-?\d+$/.test(fen.trim())) throw new RangeError(`Fen must be an integer string, got ${JSON.stringify(fen)}`);
  return BigInt(fen.trim());
}

const currencyFormatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(locale: string): Intl.NumberFormat {
  let formatter = currencyFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "CNY",
      // "¥" in every locale; en would otherwise say "CN¥".
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    currencyFormatters.set(locale, formatter);
  }
  return formatter;
}

/**
 * Formats fen as CNY for display ("¥1,234.50"). The amount is handed to Intl as a
 * decimal string, so huge values keep every digit.
 */
export function formatFen(fen: bigint | number | string, locale: string): string {
  return currencyFormatter(locale).format(fenToYuanString(toFen(fen)) as Intl.StringNumericLiteral);
}
