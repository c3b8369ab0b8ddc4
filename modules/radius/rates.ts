// The rate profile sent to the network for a speed mode: pure, shared by the authorize reply,
// CoA requests and the "why am I slow?" view. Never a total-octets cap: throttled, never cut.
import type { SpeedMode } from "@/modules/quota/rules";

export interface RatePolicy {
  highSpeedDownKbps: number;
  highSpeedUpKbps: number;
  throttledDownKbps: number;
  throttledUpKbps: number;
}

/**
 * Attribute → template. Placeholders: {upBps} {downBps} (bit/s), {upKbps} {downKbps}, and
 * {mikrotik} ("1M/2M": rx/tx as seen by the router = the student's upload/download).
 * A template that is exactly one numeric placeholder is sent as an integer.
 */
export type RateTemplate = Record<string, string>;

export const DEFAULT_RATE_TEMPLATE: RateTemplate = {
  "WISPr-Bandwidth-Max-Up": "{upBps}",
  "WISPr-Bandwidth-Max-Down": "{downBps}",
  "Mikrotik-Rate-Limit": "{mikrotik}",
};

/** Attributes that may never appear in a rate template: they would cut the student off. */
const FORBIDDEN = /octets|gigawords|total-limit|recv-limit|xmit-limit|session-timeout|terminate/i;

export function parseRateTemplate(json: string | undefined): RateTemplate {
  if (!json) return DEFAULT_RATE_TEMPLATE;
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("RADIUS_RATE_ATTRIBUTES must be a JSON object");
  const out: RateTemplate = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== "string") throw new Error(`RADIUS_RATE_ATTRIBUTES.${k} must be a string template`);
    if (FORBIDDEN.test(k)) throw new Error(`RADIUS_RATE_ATTRIBUTES.${k}: quota caps are not allowed (throttle, never cut)`);
    out[k] = v;
  }
  return out;
}

export interface Rate {
  mode: SpeedMode;
  upKbps: number;
  downKbps: number;
}

export function rateFor(mode: SpeedMode, policy: RatePolicy): Rate {
  return mode === "HIGH_SPEED"
    ? { mode, upKbps: policy.highSpeedUpKbps, downKbps: policy.highSpeedDownKbps }
    : { mode, upKbps: policy.throttledUpKbps, downKbps: policy.throttledDownKbps };
}

/** kbit/s as the app shows them (1 Mbit = 1024 kbit, like the quota page): 2048 → "2M", 1500 → "1500k". */
export function mikrotikRate(kbps: number): string {
  return kbps % 1024 === 0 ? `${kbps / 1024}M` : `${kbps}k`;
}

/** The reply attributes for a rate. Bit/s use the app's convention: 1 kbit = 1024 bit. */
export function rateAttributes(rate: Rate, template: RateTemplate = DEFAULT_RATE_TEMPLATE): Record<string, string | number> {
  const values: Record<string, string | number> = {
    upBps: rate.upKbps * 1024,
    downBps: rate.downKbps * 1024,
    upKbps: rate.upKbps,
    downKbps: rate.downKbps,
    mikrotik: `${mikrotikRate(rate.upKbps)}/${mikrotikRate(rate.downKbps)}`,
  };
  const out: Record<string, string | number> = {};
  for (const [attr, tpl] of Object.entries(template)) {
    const single = /^\{(\w+)\}$/.exec(tpl);
    if (single && typeof values[single[1]!] === "number") {
      out[attr] = values[single[1]!]!;
      continue;
    }
    out[attr] = tpl.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
  }
  return out;
}

/** "2 Mbit/s", "512 kbit/s" (1 Mbit = 1024 kbit), for Reply-Message texts. */
export function formatKbps(kbps: number): string {
  return kbps >= 1024 ? `${Math.round((kbps / 1024) * 10) / 10} Mbit/s` : `${kbps} kbit/s`;
}
