// Order and refund numbers: what a gateway, a receipt and a URL carry. No database here, so
// client components and unit tests can import it.
import { now as clockNow } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { shanghaiDateTime } from "@/lib/time";

export const ORDER_NO_RE = /^R\d{14}[0-9A-Z]{6}$/;
export const REFUND_NO_RE = /^F\d{14}[0-9A-Z]{6}$/;

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function stamp(now: Date): string {
  return shanghaiDateTime(now).replace(/[-: ]/g, "");
}

function suffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  let s = "";
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return s;
}

/** "R" + Shanghai yyyyMMddHHmmss + 6 random characters: sortable, ≤ 32 chars for every gateway. */
export function newOrderNo(now = clockNow()): string {
  return `R${stamp(now)}${suffix()}`;
}

/** "F" + the same stamp and suffix as an order number. */
export function newRefundNo(now = clockNow()): string {
  return `F${stamp(now)}${suffix()}`;
}

/** An order number from outside (a form, a URL) or NOT_FOUND before it reaches the database. */
export function orderNoOrNotFound(value: unknown): string {
  if (typeof value !== "string" || !ORDER_NO_RE.test(value)) throw new AppError("NOT_FOUND", { what: "order" });
  return value;
}
