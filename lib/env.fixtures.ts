// Tests only: a complete production configuration (no development defaults), to start from and
// take settings away from.
export const COMPLETE_PRODUCTION_ENV = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://campusnet:pw@db.example.edu:5432/campusnet",
  NEXTAUTH_URL: "https://net.example.edu",
  NEXTAUTH_SECRET: "a-real-secret-0123456789abcdefghij",
  OIDC_ISSUER: "https://sso.example.edu/oidc",
  OIDC_CLIENT_ID: "campusnet",
  OIDC_CLIENT_SECRET: "client-secret-from-the-sso-team",
  RADIUS_SHARED_SECRET: "radius-secret-0123456789",
  PAYMENTS_CRON_SECRET: "cron-secret-0123456789",
  RADIUS_SWEEP_SECRET: "sweep-secret-0123456789",
  // a VAPID pair made for these tests only (web-push generateVAPIDKeys)
  VAPID_PUBLIC_KEY: "BG91vHgbsbrphee0rzVVqMQfst_JHTn_e0wPFJoXKYfSXn9ZU2_Ya3DQujUYz9K1aLg7-HkOqWkGqGMhH6Cr-Fk",
  VAPID_PRIVATE_KEY: "xNgYRSIyZn0qw0PgH3zxw6HIWZ2BvkeCDamtiasX8XM",
  VAPID_SUBJECT: "mailto:netcenter@example.edu",
} as const;
