// End-to-end tests (STYLE.md habit 9): a desktop and a phone project, both on Debian's
// Chromium (never `playwright install`, TOOLCHAIN trap 11), its headless shell where installed.
// The stack (embedded PostgreSQL, dev IdP, the standalone server) is started by
// e2e/global-setup.ts on free ports.
import { defineConfig, devices, type ReporterDescription } from "@playwright/test";
import { headlessShellLaunchOptions } from "./dev/chromium";

const CI = !!process.env.CI;

// Debian's headless shell (dev/chromium.ts, decision 033); push.spec and offline.spec ask for the full browser.
const launchOptions = headlessShellLaunchOptions;

const reporter: ReporterDescription[] = [["list"], ["html", { open: "never" }]];
// dev/test-all.ts reads the totals from this file.
if (process.env.E2E_JSON_REPORT) reporter.push(["json", { outputFile: process.env.E2E_JSON_REPORT }]);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Two workers in CI as locally (2 cores): the specs share one database by design (e2e/fixtures.ts gives
  // money flows their own students), and one worker made the tier take over 20 minutes.
  workers: 2,
  reporter,
  // A long flow (a first sign-in of 13–16 s, then several actions and page loads) took 30–36 s with
  // both workers and the server sharing 2 cores, and timed out mid-step at 30 s; a test that needs
  // more than 60 s says so itself.
  timeout: 60_000,
  expect: { timeout: CI ? 10_000 : 5_000 },
  use: {
    // Set by global setup before the workers start; each worker loads this file again.
    baseURL: process.env.E2E_BASE_URL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  // A test that belongs to one device is tagged (in its title, or `{ tag }` on the test or its
  // describe) and is simply not listed in the other project, never skipped there:
  //   @phone-only    flows that move money with exact balance checks (both projects share one
  //                  database), the student pages' axe/reflow sweeps, phone-first pages;
  //   @desktop-only  what is used at a desk (the staff pages' axe sweep).
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions },
      grepInvert: /@phone-only/,
    },
    {
      name: "phone",
      // Pixel 7: Chromium, isMobile + hasTouch, 412×839.
      use: { ...devices["Pixel 7"], launchOptions },
      grepInvert: /@desktop-only/,
      // Whole specs for the desktop: the authorization matrix, the standalone-server check and the
      // two-instance run are about the server, not the device, and the staff console is used at a desk.
      testIgnore:
        /(authz-matrix|standalone|instances|helpdesk|js-budget|admin-notices|admin-lifecycle|admin-audit|admin-dashboard|admin-catalogue|admin-queues)\.spec\.ts/,
    },
  ],
});
