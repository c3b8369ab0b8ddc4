import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createSerwistRoute } from "@serwist/turbopack";

// Builds app/sw.ts with esbuild and serves it (and its source map) as /serwist/sw.js.
// In production the route is static: the worker is bundled once, at `next build`, with
// the precache manifest of .next/static plus the offline page.

// Versions the precached offline page; a new commit re-fetches it.
const revision = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf-8" }).stdout?.trim() || randomUUID();

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "app/sw.ts",
  additionalPrecacheEntries: [{ url: "/~offline", revision }],
  // The native esbuild package is installed (esbuild-wasm is not).
  useNativeEsbuild: true,
});
