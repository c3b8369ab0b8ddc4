// Playwright global setup: starts the stack (see stack.ts) and returns its teardown, which
// Playwright runs after the tests in this same process. Not `webServer`: that kills only
// the `next start` wrapper and leaves next-server behind (../shared/TOOLCHAIN.md trap 12).
//
// E2E_REUSE_BUILD=1  skip `next build` when .next/BUILD_ID exists (local runs)
// E2E_STUDENTS=n     size of the seeded demo campus (default 50)
import type { FullConfig } from "@playwright/test";
import { startStack } from "./stack";

export default async function globalSetup(_config: FullConfig) {
  const stack = await startStack({
    students: Number(process.env.E2E_STUDENTS ?? 50),
    reuseBuild: process.env.E2E_REUSE_BUILD === "1",
  });
  // Workers are forked after global setup and inherit these; playwright.config.ts reads
  // E2E_BASE_URL for `use.baseURL` when each worker loads it.
  process.env.E2E_BASE_URL = stack.state.appUrl;
  process.env.E2E_IDP_URL = stack.state.idpUrl;
  return async () => {
    const t0 = Date.now();
    await stack.stop();
    console.log(`[e2e] stack stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
}
