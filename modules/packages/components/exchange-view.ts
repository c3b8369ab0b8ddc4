// Pure helpers for the package pages: the balance after an exchange (pagination: components/ui/pager.tsx),
// the idempotency key of one confirmation, and the view models. No server-only imports.
import { formatBytes, formatDate, formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { formatMonthDay, localizedName, remainingPercent } from "@/modules/quota/components/quota-view";
import type { ExchangeLogRow } from "@/modules/packages/service";

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

// ---------------------------------------------------------------------------------------
// View models: bigint/Date in, display strings out. Built on the server, so a client
// component gets plain strings and server and browser never format differently.

export interface CatalogueItemInput {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  priceFen: bigint;
  quotaBytes: bigint;
  validityMonths: number;
  special: boolean;
  availableUntil: Date | null;
}

export interface CatalogueItemView {
  id: string;
  code: string;
  name: string;
  priceText: string;
  quotaText: string;
  validityMonths: number;
  special: boolean;
  availableUntilText: string | null;
  sufficient: boolean;
  balanceAfterText: string;
  shortfallText: string;
  /** "with this package you will last until …" at the student's pace (modules/forecast); absent without a pace */
  lastsUntilText?: string | null;
  /** 特惠 for this student (modules/packages/offers.service.ts): what the exchange charges instead of the list price */
  offer?: OfferView;
}

export interface OfferView {
  id: string;
  priceText: string;
  untilText: string;
  limit: number;
  remaining: number;
  sufficient: boolean;
  balanceAfterText: string;
  shortfallText: string;
}

export interface OfferInput {
  id: string;
  priceFen: bigint;
  endsAt: Date;
  perStudentLimit: number;
  used: number;
}

export function toOfferView(offer: OfferInput, balanceFen: bigint, locale: string): OfferView {
  const check = balanceAfterExchange(balanceFen, offer.priceFen);
  return {
    id: offer.id,
    priceText: formatFen(offer.priceFen, locale),
    untilText: formatDateTime(offer.endsAt, locale),
    limit: offer.perStudentLimit,
    remaining: Math.max(offer.perStudentLimit - offer.used, 0),
    sufficient: check.sufficient,
    balanceAfterText: formatFen(check.afterFen, locale),
    shortfallText: formatFen(check.shortfallFen, locale),
  };
}

/** The item as the exchange will charge it: the offer's price when one applies. */
export function chargedItem(item: CatalogueItemView): CatalogueItemView {
  if (!item.offer) return item;
  const o = item.offer;
  return { ...item, priceText: o.priceText, sufficient: o.sufficient, balanceAfterText: o.balanceAfterText, shortfallText: o.shortfallText };
}

export function toCatalogueItemView(item: CatalogueItemInput, balanceFen: bigint, locale: string): CatalogueItemView {
  const check = balanceAfterExchange(balanceFen, item.priceFen);
  return {
    id: item.id,
    code: item.code,
    name: localizedName(item, locale),
    priceText: formatFen(item.priceFen, locale),
    quotaText: formatBytes(item.quotaBytes, locale),
    validityMonths: item.validityMonths,
    special: item.special,
    availableUntilText: item.availableUntil ? formatMonthDay(item.availableUntil, locale) : null,
    sufficient: check.sufficient,
    balanceAfterText: formatFen(check.afterFen, locale),
    shortfallText: formatFen(check.shortfallFen, locale),
  };
}

export type ExchangeState = ExchangeLogRow["state"];

/** A row of 换购日志 as the packages service returns it. */
export type ExchangeRowInput = ExchangeLogRow;

export interface ExchangeRowView {
  id: string;
  createdAtIso: string;
  timeText: string;
  code: string;
  name: string;
  priceText: string;
  usedText: string;
  totalText: string;
  /** share of the quota used, 0–100 */
  usedPercent: number;
  expiresAtIso: string;
  expiresText: string;
  state: ExchangeState;
}

export function toExchangeRowView(row: ExchangeRowInput, locale: string): ExchangeRowView {
  const used = row.usedBytes < 0n ? 0n : row.usedBytes > row.quotaBytes ? row.quotaBytes : row.usedBytes;
  return {
    id: row.id,
    createdAtIso: row.createdAt.toISOString(),
    timeText: formatDateTime(row.createdAt, locale),
    code: row.packageCode,
    name: localizedName(row, locale),
    priceText: formatFen(row.priceFen, locale),
    usedText: formatBytes(used, locale),
    totalText: formatBytes(row.quotaBytes, locale),
    usedPercent: row.quotaBytes > 0n ? 100 - remainingPercent(row.quotaBytes - used, row.quotaBytes) : 0,
    expiresAtIso: row.expiresAt.toISOString(),
    expiresText: formatDate(row.expiresAt, locale),
    state: row.state,
  };
}
