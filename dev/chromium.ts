// Debian's Chromium, as every browser this project drives launches it: the e2e suite
// (playwright.config.ts), the Lighthouse bench (bench/web.ts) and the manifest screenshots
// (dev/make-manifest-screenshots.ts). Never `playwright install` (../shared/TOOLCHAIN.md).

/** The browser binary: CHROMIUM_PATH, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Flags for a root, GPU-less, container box with no outside network to talk to. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Playwright's `launchOptions`. */
export const chromiumLaunchOptions = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };
