// Debian's Chromium, as every browser this project drives launches it: the e2e suite
// (playwright.config.ts), the Lighthouse bench (bench/web.ts) and the manifest screenshots
// (dev/make-manifest-screenshots.ts). Never `playwright install` (../shared/TOOLCHAIN.md).
import { existsSync } from "node:fs";

/** The browser binary: CHROMIUM_PATH, else Debian's `chromium`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Debian's `chromium-headless-shell` (the same Blink and V8 without the browser's UI layer, what
 * Playwright itself runs headless): the e2e suite's browser, about a quarter less CPU than the full
 * browser on this 2-core box (docs/decisions/033-e2e-headless-shell.md). Falls back to the full
 * browser when the package is missing. The specs of the installed app's service worker (push,
 * offline) use the full browser: the shell has no notifications and its service worker differs.
 */
export const HEADLESS_SHELL_PATH =
  process.env.CHROMIUM_HEADLESS_SHELL_PATH ||
  (existsSync("/usr/lib/chromium/chromium-headless-shell") ? "/usr/lib/chromium/chromium-headless-shell" : CHROMIUM_PATH);

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

/** Playwright's `launchOptions` for the full browser. */
export const chromiumLaunchOptions = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };

/** Playwright's `launchOptions` for the headless shell. */
export const headlessShellLaunchOptions = { executablePath: HEADLESS_SHELL_PATH, args: CHROMIUM_ARGS };
