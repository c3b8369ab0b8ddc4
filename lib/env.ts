// The one place that reads environment variables (STYLE.md habit 10).
// Development has working defaults so `npm run dev` needs no .env; production must set them.
import { z } from "zod";

// A production server must be given a real secret; `next build` and the demo (`npm start`
// with the bundled IdP, which sets CAMPUSNET_DEMO=1) may use the development default.
const isProd =
  process.env.NODE_ENV === "production" && process.env.CAMPUSNET_DEMO !== "1" && process.env.NEXT_PHASE !== "phase-production-build";

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(16).default("campusnet-development-secret-do-not-use-in-production"),
  OIDC_ISSUER: z.string().url().default("http://localhost:3001"),
  OIDC_CLIENT_ID: z.string().min(1).default("campusnet"),
  OIDC_CLIENT_SECRET: z.string().min(1).default("campusnet-dev-client-secret"),
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

  // ── Payments (issue 3). Real gateways are offered only when fully configured. ──
  /** base URL the gateways call back (notify_url); defaults to NEXTAUTH_URL */
  PAYMENT_NOTIFY_BASE_URL: z.string().url().optional(),
  /** the embedded sandbox gateway: on in development, demos and tests; off in production unless set */
  SANDBOX_GATEWAY: z.enum(["on", "off"]).default(isProd ? "off" : "on"),
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
  /** shared secret for POST /api/payments/heal (cron) */
  PAYMENTS_CRON_SECRET: z.string().min(16).default("campusnet-dev-cron-secret"),
  /** the in-process self-healing sweep interval; 0 turns it off */
  PAYMENTS_HEAL_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  /** an unpaid/uncredited order this old without a notification is asked about */
  PAYMENTS_HEAL_AFTER_MS: z.coerce.number().int().min(0).default(20_000),

  // ── FreeRADIUS (rlm_rest → /api/radius/*) and CoA (issue 4); see deploy/freeradius/README.md ──
  /** shared secret FreeRADIUS sends in RADIUS_SECRET_HEADER; unset in production = every RADIUS call refused */
  RADIUS_SHARED_SECRET: z.string().min(16).optional(),
  RADIUS_SECRET_HEADER: z.string().regex(/^[A-Za-z0-9-]+$/).default("X-Campusnet-Radius-Secret"),
  /** JSON object: reply attribute → template; placeholders {upBps} {downBps} {upKbps} {downKbps} {mikrotik} */
  RADIUS_RATE_ATTRIBUTES: z.string().optional(),
  /** Acct-Interim-Interval sent on accept, seconds (0 = leave it to the NAS) */
  RADIUS_INTERIM_INTERVAL: z.coerce.number().int().min(0).default(300),
  /** extra RADIUS dictionaries for CoA attributes (comma-separated paths), beside WISPr and Mikrotik */
  RADIUS_DICTIONARIES: z.string().default(""),
  /** wait for a CoA/Disconnect answer this long per try (two tries), milliseconds */
  RADIUS_COA_TIMEOUT_MS: z.coerce.number().int().min(50).default(500),
  /** wrong network passwords within NETWORK_LOCKOUT_MINUTES before the network login locks */
  NETWORK_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  NETWORK_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  if (isProd && !process.env.NEXTAUTH_SECRET) {
    throw new Error("NEXTAUTH_SECRET must be set in production");
  }
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
  return env.RADIUS_SHARED_SECRET ?? (isProd ? null : "campusnet-dev-radius-secret");
}
