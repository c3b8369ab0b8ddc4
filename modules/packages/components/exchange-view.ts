// Pure helpers for the package pages: the balance after an exchange, the exchange log's
// pagination, and the idempotency key of one confirmation. No server-only imports.

export const EXCHANGES_PER_PAGE = 20;

export interface BalanceCheck {
  afterFen: bigint;
  sufficient: boolean;
  /** how much is missing; 0 when the balance covers the price */
  shortfallFen: bigint;
}

/** What the balance would be after paying `priceFen`; never a negative "after". */
export function balanceAfterExchange(balanceFen: bigint, priceFen: bigint): BalanceCheck {
  const sufficient = balanceFen >= priceFen;
  return { afterFen: sufficient ? balanceFen - priceFen : balanceFen, sufficient, shortfallFen: sufficient ? 0n : priceFen - balanceFen };
}

/** `?page=` → a page number ≥ 1; anything odd ("0", "-2", "abc", "2.5", repeated) → 1. */
export function parsePage(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !/^\d{1,6}$/.test(raw.trim())) return 1;
  const n = Number(raw.trim());
  return n >= 1 ? n : 1;
}

/** Number of pages for `total` rows; at least 1 so "page 1 of 1" reads right when empty. */
export function pageCount(total: number, perPage = EXCHANGES_PER_PAGE): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** "/exchanges" for page 1, "/exchanges?page=n" otherwise. */
export function pageHref(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}?page=${page}`;
}

type RandomSource = { randomUUID?: () => string; getRandomValues: (array: Uint8Array<ArrayBuffer>) => Uint8Array };

/**
 * A v4 UUID for one exchange confirmation. crypto.randomUUID exists only in secure contexts
 * (https, localhost); a phone on the campus LAN over plain http still has getRandomValues.
 */
export function newRequestKey(source: RandomSource = globalThis.crypto): string {
  if (typeof source.randomUUID === "function") return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
