// The one place that reads environment variables (STYLE.md habit 10).
// Development has working defaults so `npm run dev` needs no .env; production must set them.
import { z } from "zod";

const isProd = process.env.NODE_ENV === "production" && process.env.CAMPUSNET_DEMO !== "1";

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
