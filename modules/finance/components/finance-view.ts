// Pure helpers of the finance pages: day navigation and the order-search query string.
import { isDayKey } from "@/lib/time";

/** "2026-12-01" ± n days (calendar arithmetic, no time zone involved). */
export function shiftDay(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export const ORDER_STATES = ["CREATED", "PAID", "CREDITED", "CLOSED", "FLAGGED"] as const;
export const ORDER_CHANNELS = ["SANDBOX", "WECHAT", "ALIPAY", "COUNTER"] as const;
export type OrderStateFilter = (typeof ORDER_STATES)[number];
export type OrderChannelFilter = (typeof ORDER_CHANNELS)[number];

export interface OrderSearchParams {
  query: string;
  state: OrderStateFilter | "";
  channel: OrderChannelFilter | "";
  from: string;
  to: string;
  page: number;
}

type Raw = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/** The search form's query string → a valid search (unknown values are dropped, not errors). */
export function parseOrderSearch(raw: Raw): OrderSearchParams {
  const state = one(raw.state);
  const channel = one(raw.channel);
  const page = Number(one(raw.page) || "1");
  return {
    query: one(raw.q).trim().slice(0, 64),
    state: (ORDER_STATES as readonly string[]).includes(state) ? (state as OrderStateFilter) : "",
    channel: (ORDER_CHANNELS as readonly string[]).includes(channel) ? (channel as OrderChannelFilter) : "",
    from: isDayKey(one(raw.from)) ? one(raw.from) : "",
    to: isDayKey(one(raw.to)) ? one(raw.to) : "",
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** Back to a query string (for pagination links), leaving out empty fields. */
export function orderSearchHref(base: string, p: OrderSearchParams, page: number): string {
  const q = new URLSearchParams();
  if (p.query) q.set("q", p.query);
  if (p.state) q.set("state", p.state);
  if (p.channel) q.set("channel", p.channel);
  if (p.from) q.set("from", p.from);
  if (p.to) q.set("to", p.to);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}
