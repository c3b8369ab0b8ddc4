// The one place that reads environment variables (STYLE.md habit 10).
// Three modes (decision 009): development (`npm run dev`, tests) and the demo (`npm run demo`,
// CAMPUSNET_MODE=demo) have working defaults so they need no .env; production (`npm start`, or
// any `next start` without CAMPUSNET_MODE=demo) never guesses: it refuses to start, listing
// every setting that is missing or not allowed. `next build` needs no settings at all.
import { z } from "zod";
import { processRole } from "./process-role";

export type RunMode = "development" | "demo" | "production" | "build";

export function runMode(source: NodeJS.ProcessEnv = process.env): RunMode {
  if (source.NEXT_PHASE === "phase-production-build") return "build";
  if (source.CAMPUSNET_MODE === "demo") return "demo";
  if (source.CAMPUSNET_MODE === "production" || source.NODE_ENV === "production") return "production";
  return "development";
}

const mode = runMode();
const isProd = mode === "production";

/** Public development defaults: fine for development and the demo, refused in production. */
export const DEV_DEFAULTS = {
  NEXTAUTH_URL: "http://localhost:3000",
  NEXTAUTH_SECRET: "campusnet-development-secret-do-not-use-in-production",
  OIDC_ISSUER: "http://localhost:3001",
  OIDC_CLIENT_ID: "campusnet",
  OIDC_CLIENT_SECRET: "campusnet-dev-client-secret",
  RADIUS_SHARED_SECRET: "campusnet-dev-radius-secret",
  PAYMENTS_CRON_SECRET: "campusnet-dev-cron-secret",
  RADIUS_SWEEP_SECRET: "campusnet-dev-sweep-secret",
} as const;

/** What production must be given, and why (the refusal message lists these). */
export const PRODUCTION_REQUIRED: Record<string, string> = {
  DATABASE_URL: "PostgreSQL connection string, e.g. postgresql://campusnet:…@db.example.edu:5432/campusnet",
  NEXTAUTH_URL: "the public URL of the app, e.g. https://net.example.edu",
  NEXTAUTH_SECRET: "session-signing secret, 32+ random characters (openssl rand -base64 32)",
  OIDC_ISSUER: "the campus SSO (统一身份认证) OpenID Connect issuer URL",
  OIDC_CLIENT_ID: "this app's client id at the campus SSO",
  OIDC_CLIENT_SECRET: "this app's client secret at the campus SSO",
  RADIUS_SHARED_SECRET: "secret FreeRADIUS sends to /api/radius/* (16+ characters)",
  PAYMENTS_CRON_SECRET: "secret for POST /api/payments/heal, header x-cron-secret (16+ characters)",
  RADIUS_SWEEP_SECRET: "secret for POST /api/radius/sweep, header x-cron-secret (16+ characters, not the cron secret)",
};

/** What the dedicated RADIUS server (`npm run radius-server`, decision 016) must be given in production: it serves only /api/radius/*. */
export const RADIUS_PRODUCTION_REQUIRED: Record<string, string> = {
  DATABASE_URL: PRODUCTION_REQUIRED.DATABASE_URL!,
  RADIUS_SHARED_SECRET: PRODUCTION_REQUIRED.RADIUS_SHARED_SECRET!,
};

/** The value that acknowledges the sandbox gateway (free credit for anyone) under production. */
export const SANDBOX_PRODUCTION_ACK = "i-understand-sandbox-credit-is-free";

/** The value that lets the settable clock (CAMPUSNET_NOW) run under production: the e2e stack's, which tests production on any date. */
export const CLOCK_PRODUCTION_ACK = "e2e-only-the-clock-is-not-today";

/** Every setting production refuses: missing, a public development default, or demo-only. */
export function productionProblems(
  source: NodeJS.ProcessEnv = process.env,
  required: Record<string, string> = PRODUCTION_REQUIRED,
  opts: { webPush?: boolean } = {},
): string[] {
  const problems: string[] = [];
  const set = (name: string) => (source[name] ?? "").trim() !== "";
  const publicValues = new Set<string>([
    DEV_DEFAULTS.NEXTAUTH_SECRET,
    DEV_DEFAULTS.OIDC_CLIENT_SECRET,
    DEV_DEFAULTS.RADIUS_SHARED_SECRET,
    DEV_DEFAULTS.PAYMENTS_CRON_SECRET,
    DEV_DEFAULTS.RADIUS_SWEEP_SECRET,
    DEV_DEFAULTS.OIDC_ISSUER,
  ]);
  for (const [name, what] of Object.entries(required)) {
    if (!set(name)) problems.push(`${name} is missing: ${what}`);
    else if (publicValues.has(source[name]!.trim())) problems.push(`${name} is a public development default: ${what}`);
  }
  if (set("RADIUS_SWEEP_SECRET") && source.RADIUS_SWEEP_SECRET === source.PAYMENTS_CRON_SECRET)
    problems.push("RADIUS_SWEEP_SECRET must differ from PAYMENTS_CRON_SECRET");
  if (set("CAMPUSNET_NOW") && source.CAMPUSNET_NOW_IN_PRODUCTION !== CLOCK_PRODUCTION_ACK)
    problems.push("CAMPUSNET_NOW is set: the settable clock is for development and the demo only; unset it");
  if (opts.webPush ?? required === PRODUCTION_REQUIRED) problems.push(...webPushProblems(source));
  if (source.SANDBOX_GATEWAY === "on" && source.SANDBOX_GATEWAY_IN_PRODUCTION !== SANDBOX_PRODUCTION_ACK)
    problems.push(
      `SANDBOX_GATEWAY=on: the sandbox gateway credits money nobody paid; unset it, or also set SANDBOX_GATEWAY_IN_PRODUCTION=${SANDBOX_PRODUCTION_ACK}`,
    );
  return problems;
}

/**
 * Web Push (decision 023): production needs the VAPID pair and a contact, or an explicit WEB_PUSH=off
 * (a campus without push: the notification centre still lists everything). The dedicated RADIUS
 * server sends no push and is not asked.
 */
export function webPushProblems(source: NodeJS.ProcessEnv): string[] {
  if ((source.WEB_PUSH ?? "").trim() === "off") return [];
  const set = (name: string) => (source[name] ?? "").trim() !== "";
  const problems: string[] = [];
  for (const [name, what] of Object.entries(WEB_PUSH_REQUIRED)) {
    if (!set(name)) problems.push(`${name} is missing: ${what} (or WEB_PUSH=off to run without phone alerts)`);
  }
  if (set("VAPID_PUBLIC_KEY") && !/^[A-Za-z0-9_-]{87}$/.test(source.VAPID_PUBLIC_KEY!.trim()))
    problems.push("VAPID_PUBLIC_KEY is invalid: the URL-safe base64 P-256 public key (87 characters) from `npx web-push generate-vapid-keys`");
  if (set("VAPID_PRIVATE_KEY") && !/^[A-Za-z0-9_-]{43}$/.test(source.VAPID_PRIVATE_KEY!.trim()))
    problems.push("VAPID_PRIVATE_KEY is invalid: the URL-safe base64 private key (43 characters) from `npx web-push generate-vapid-keys`");
  if (set("VAPID_SUBJECT") && !/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(source.VAPID_SUBJECT!.trim()))
    problems.push("VAPID_SUBJECT is invalid: a contact for the push services, mailto:netcenter@example.edu or an https: URL");
  return problems;
}

/** Web Push's settings in production (unless WEB_PUSH=off). */
export const WEB_PUSH_REQUIRED: Record<string, string> = {
  VAPID_PUBLIC_KEY: "Web Push VAPID public key (npx web-push generate-vapid-keys)",
  VAPID_PRIVATE_KEY: "Web Push VAPID private key (npx web-push generate-vapid-keys)",
  VAPID_SUBJECT: "contact the push services may write to, mailto:netcenter@example.edu or an https: URL",
};

export function refusalMessage(problems: string[]): string {
  return [
    "campusnet refuses to start in production: these settings are missing or not allowed:",
    ...problems.map((p) => `  - ${p}`),
    "Set them in the environment or in .env (see .env.example and the README's Environment section).",
    "For the demo with the bundled identity provider and public development secrets run `npm run demo`; for development, `npm run dev`.",
  ].join("\n");
}

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().default(DEV_DEFAULTS.NEXTAUTH_URL),
  NEXTAUTH_SECRET: z.string().min(16).default(DEV_DEFAULTS.NEXTAUTH_SECRET),
  OIDC_ISSUER: z.string().url().default(DEV_DEFAULTS.OIDC_ISSUER),
  OIDC_CLIENT_ID: z.string().min(1).default(DEV_DEFAULTS.OIDC_CLIENT_ID),
  OIDC_CLIENT_SECRET: z.string().min(1).default(DEV_DEFAULTS.OIDC_CLIENT_SECRET),
  OIDC_SCOPE: z.string().default("openid profile email campus"),
  /** claim carrying 学号/工号 */
  OIDC_STUDENT_NO_CLAIM: z.string().default("student_number"),
  /** claim carrying the campus role (student/operator/finance/admin) */
  OIDC_ROLE_CLAIM: z.string().default("campus_role"),
  OIDC_PROVIDER_NAME: z.string().default("统一身份认证"),
  /** development IdP port (dev/idp) */
  IDP_PORT: z.coerce.number().int().default(3001),
  /** embedded PostgreSQL used when DATABASE_URL is unset */
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54320),
  EMBEDDED_PG_DIR: z.string().default(".data/pg"),
  SEED_STUDENTS: z.coerce.number().int().min(0).default(2000),

  // ── Payments (decision 006). Real gateways are offered only when fully configured. ──
  /** base URL the gateways call back (notify_url); defaults to NEXTAUTH_URL */
  PAYMENT_NOTIFY_BASE_URL: z.string().url().optional(),
  /** development | demo | production (see runMode); `npm run demo` sets demo, `npm start` production */
  CAMPUSNET_MODE: z.enum(["demo", "production"]).optional(),
  /** the first admin's 工号, created (no oidcSub yet) when the database has no admin: prisma/bootstrap.ts */
  CAMPUSNET_FIRST_ADMIN: z
    .string()
    .regex(/^[A-Za-z0-9]{4,32}$/)
    .optional(),
  CAMPUSNET_FIRST_ADMIN_NAME: z.string().min(1).default("管理员"),
  /** the embedded sandbox gateway: on in development, demos and tests; in production only with SANDBOX_GATEWAY_IN_PRODUCTION */
  SANDBOX_GATEWAY: z.enum(["on", "off"]).default(isProd ? "off" : "on"),
  SANDBOX_GATEWAY_IN_PRODUCTION: z.string().optional(),
  /** the sandbox's own RSA private key (PEM); generated once per process when unset */
  SANDBOX_PRIVATE_KEY: z.string().optional(),
  /** the merchant's (our) RSA private key for signing sandbox API calls (PEM); generated when unset */
  SANDBOX_MERCHANT_PRIVATE_KEY: z.string().optional(),
  SANDBOX_APIV3_KEY: z.string().length(32).default("campusnetSandboxApiV3Key32Bytes!"),
  SANDBOX_MCHID: z.string().default("1900000109"),
  SANDBOX_APPID: z.string().default("wxcampusnetsandbox"),
  SANDBOX_NOTIFY_DELAY_MS: z.coerce.number().int().min(0).default(800),
  /** probability that a notification is sent twice */
  SANDBOX_DUPLICATE_RATE: z.coerce.number().min(0).max(1).default(0.2),
  /** probability that a notification is late (SANDBOX_LATE_DELAY_MS) */
  SANDBOX_LATE_RATE: z.coerce.number().min(0).max(1).default(0.1),
  SANDBOX_LATE_DELAY_MS: z.coerce.number().int().min(0).default(20_000),
  /** probability that a notification is never sent (self-healing must catch it) */
  SANDBOX_DROP_RATE: z.coerce.number().min(0).max(1).default(0),
  WECHATPAY_MCHID: z.string().optional(),
  WECHATPAY_APPID: z.string().optional(),
  /** serial number of the merchant API certificate */
  WECHATPAY_SERIAL: z.string().optional(),
  /** merchant API private key: PEM text or file:///path/apiclient_key.pem */
  WECHATPAY_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_APIV3_KEY: z.string().length(32).optional(),
  /** public-key mode (new merchants): 微信支付公钥ID and the public key (PEM or file://) */
  WECHATPAY_PUBLIC_KEY_ID: z.string().optional(),
  WECHATPAY_PUBLIC_KEY: z.string().optional(),
  /** platform-certificate mode: serial and certificate (PEM or file://) */
  WECHATPAY_PLATFORM_CERT_SERIAL: z.string().optional(),
  WECHATPAY_PLATFORM_CERT: z.string().optional(),
  ALIPAY_APP_ID: z.string().optional(),
  /** application private key (PEM or bare base64) */
  ALIPAY_PRIVATE_KEY: z.string().optional(),
  ALIPAY_KEY_TYPE: z.enum(["PKCS1", "PKCS8"]).default("PKCS8"),
  /** Alipay's public key (public-key mode) */
  ALIPAY_PUBLIC_KEY: z.string().optional(),
  /** seller_id (PID) the notifications must carry; checked when set */
  ALIPAY_SELLER_ID: z.string().optional(),
  ALIPAY_ENDPOINT: z.string().url().optional(),
  ALIPAY_GATEWAY: z.string().url().optional(),
  /** shared secret for POST /api/payments/heal (cron); required in production */
  PAYMENTS_CRON_SECRET: z.string().min(16).default(DEV_DEFAULTS.PAYMENTS_CRON_SECRET),
  /** shared secret for POST /api/radius/sweep; required in production, apart from the cron secret */
  RADIUS_SWEEP_SECRET: z.string().min(16).default(DEV_DEFAULTS.RADIUS_SWEEP_SECRET),
  /** the in-process self-healing sweep interval; 0 turns it off */
  PAYMENTS_HEAL_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  /** an unpaid/uncredited order this old without a notification is asked about */
  PAYMENTS_HEAL_AFTER_MS: z.coerce.number().int().min(0).default(20_000),

  // ── Scheduled jobs (modules/jobs, pg-boss in this database; decision 013) ──
  /** off: this instance runs no jobs and schedules none (others sharing the database still do) */
  JOBS: z.enum(["on", "off"]).default("on"),
  /** tests: every interval job (self-healing, speed sweep) runs at this period, seconds */
  JOBS_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),

  // ── Web Push (modules/push, decision 023) ──
  /** off: no phone alerts (the notification centre still lists everything); production needs the VAPID settings otherwise */
  WEB_PUSH: z.enum(["on", "off"]).default("on"),
  /** VAPID pair (URL-safe base64); unset outside production = a pair generated once and kept in VAPID_KEYS_FILE */
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  /** contact for the push services (mailto: or https:) */
  VAPID_SUBJECT: z.string().optional(),
  /** push service hosts a subscription may point at besides the browsers' own (comma-separated; tests add their loopback service) */
  PUSH_SERVICE_HOSTS: z.string().default(""),
  /** development, demo and tests: where the generated VAPID pair is kept */
  VAPID_KEYS_FILE: z.string().default(".data/vapid-keys.json"),

  // ── FreeRADIUS (rlm_rest → /api/radius/*) and CoA; see deploy/freeradius/README.md ──
  /** shared secret FreeRADIUS sends in RADIUS_SECRET_HEADER; unset in production = every RADIUS call refused */
  RADIUS_SHARED_SECRET: z.string().min(16).optional(),
  RADIUS_SECRET_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/)
    .default("X-Campusnet-Radius-Secret"),
  /** JSON object: reply attribute → template; placeholders {upBps} {downBps} {upKbps} {downKbps} {mikrotik} */
  RADIUS_RATE_ATTRIBUTES: z.string().optional(),
  /** Acct-Interim-Interval sent on accept, seconds (0 = leave it to the NAS) */
  RADIUS_INTERIM_INTERVAL: z.coerce.number().int().min(0).default(300),
  /** extra RADIUS dictionaries for CoA attributes (comma-separated paths), beside WISPr and Mikrotik */
  RADIUS_DICTIONARIES: z.string().default(""),
  /** wait for a CoA/Disconnect answer this long per try (two tries), milliseconds */
  RADIUS_COA_TIMEOUT_MS: z.coerce.number().int().min(50).default(500),
  /** one accounting packet may add at most this many times what the high-speed rate carries since the last one (decision 008) */
  RADIUS_ACCT_RATE_MARGIN: z.coerce.number().min(1).default(4),
  /** wrong network passwords within NETWORK_LOCKOUT_MINUTES before the network login locks */
  NETWORK_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  NETWORK_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  /** the dedicated RADIUS server (`npm run radius-server`): where it listens for rlm_rest */
  RADIUS_SERVER_HOST: z.string().min(1).default("127.0.0.1"),
  RADIUS_SERVER_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  /** connections of the RADIUS hot path's own pool (modules/radius/sql.service.ts), per process */
  RADIUS_DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(8),

  // ── Usage history retention (modules/usage/retention.ts, decision 014) ──
  /** session detail (radius_session_history) is kept this many whole months before the current one */
  USAGE_SESSION_DETAIL_MONTHS: z.coerce.number().int().min(1).default(13),
  /** daily rollups are kept this many months; unset = for ever */
  USAGE_DAILY_ROLLUP_MONTHS: z.coerce.number().int().min(1).optional(),
  /** month partitions are made this many months ahead of the current one */
  USAGE_PARTITIONS_AHEAD: z.coerce.number().int().min(1).max(24).default(3),
  /** a stopped session moves from radius_sessions to the history this many hours after its Stop */
  USAGE_ARCHIVE_AFTER_HOURS: z.coerce.number().min(0).default(24),
  /** an expired partition is dropped, or only detached (kept as a plain table to dump) */
  USAGE_EXPIRED_PARTITIONS: z.enum(["drop", "detach"]).default("drop"),
});

export type Env = z.infer<typeof schema>;

/** Thrown when the environment is unusable; the message lists every problem at once. */
export class EnvironmentError extends Error {
  constructor(
    readonly problems: string[],
    message: string,
  ) {
    super(message);
    this.name = "EnvironmentError";
  }
}

function load(): Env {
  // `FOO=` in .env means unset, as it does for the production check.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  const invalid = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")} is invalid: ${i.message}`);
  if (isProd) {
    const refused = productionProblems(process.env, processRole() === "radius" ? RADIUS_PRODUCTION_REQUIRED : PRODUCTION_REQUIRED);
    const named = new Set(refused.map((p) => p.split(/[ =]/)[0]));
    const problems = [...refused, ...invalid.filter((i) => !named.has(i.split(" ")[0]))];
    if (problems.length) throw new EnvironmentError(problems, refusalMessage(problems));
  }
  if (!parsed.success) throw new EnvironmentError(invalid, `Invalid environment:\n${invalid.map((i) => `  - ${i}`).join("\n")}`);
  return parsed.data;
}

export const env: Env = load();

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm run dev starts an embedded PostgreSQL and sets it)");
  return url;
}

/** The FreeRADIUS → app shared secret: the development default outside production, null (refuse all) if unset in production. */
export function radiusSharedSecret(): string | null {
  return env.RADIUS_SHARED_SECRET ?? (isProd ? null : DEV_DEFAULTS.RADIUS_SHARED_SECRET);
}

/** The mode this process runs in (fixed when lib/env is first loaded). */
export function currentMode(): RunMode {
  return mode;
}
