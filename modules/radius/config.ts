// RADIUS settings from lib/env.ts, parsed once.
import { env, radiusSharedSecret } from "@/lib/env";
import { parseRateTemplate, type RateTemplate } from "./rates";

export interface RadiusConfig {
  /** null: no secret configured in production, every call is refused */
  sharedSecret: string | null;
  secretHeader: string;
  rateTemplate: RateTemplate;
  interimInterval: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  /** factor over the high-speed rate before an accounting delta is impossible (decision 008) */
  acctRateMargin: number;
}

let config: RadiusConfig | null = null;

export function radiusConfig(): RadiusConfig {
  config ??= {
    sharedSecret: radiusSharedSecret(),
    secretHeader: env.RADIUS_SECRET_HEADER.toLowerCase(),
    rateTemplate: parseRateTemplate(env.RADIUS_RATE_ATTRIBUTES),
    interimInterval: env.RADIUS_INTERIM_INTERVAL,
    lockoutAttempts: env.NETWORK_LOCKOUT_ATTEMPTS,
    lockoutMinutes: env.NETWORK_LOCKOUT_MINUTES,
    acctRateMargin: env.RADIUS_ACCT_RATE_MARGIN,
  };
  return config;
}

/** Tests: change some settings for this process (undefined: back to the environment's). */
export function overrideRadiusConfig(patch?: Partial<RadiusConfig>): void {
  config = null;
  if (patch) config = { ...radiusConfig(), ...patch };
}
