// Remakes public/screenshots/home-narrow.png and home-wide.png, the web app manifest's
// screenshots (modules/install/manifest.ts), from the demo campus's home page as 2023010001 sees
// it. Starts the e2e stack (e2e/stack.ts: embedded PostgreSQL with the demo campus, the dev IdP,
// the production server) on free ports, signs in through the real login (e2e/fixtures.ts), takes a
// phone and a desktop screenshot, and stops the stack.
//
//   npx tsx dev/make-manifest-screenshots.ts [--reuse-build]
//
// --reuse-build  start on the last build (.next) instead of running `next build` first.
// The build writes .next, which every e2e run also uses, so the script holds
// /tmp/campusnet-e2e.lock (it takes it itself): it waits for an e2e run to finish.
//
// This machine has no Chinese system font: point SCREENSHOT_CJK_FONT at an unpacked
// @fontsource-variable/noto-sans-sc (npm install it into a scratch folder) to draw 中文 as a phone
// would; without it the screenshots show the system's fallback glyphs.
//   SCREENSHOT_CJK_FONT=<dir>/node_modules/@fontsource-variable/noto-sans-sc npx tsx dev/make-manifest-screenshots.ts
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions } from "./chromium";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = path.join(ROOT, "public", "screenshots");
const LOCK = "/tmp/campusnet-e2e.lock";
const STUDENT = "2023010001";
const argv = process.argv.slice(2);
const REUSE = argv.includes("--reuse-build");

const log = (m: string) => console.error(`[screenshots] ${m}`);

const SHOTS = [
  { file: "home-narrow.png", viewport: { width: 412, height: 839 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { file: "home-wide.png", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
];

/** Re-runs this script under the e2e lock unless it already holds it. */
function relaunchUnderLock(): never {
  log(`waiting for ${LOCK} …`);
  const self = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...argv];
  const r = spawnSync("flock", [LOCK, ...self], { stdio: "inherit", env: { ...process.env, MANIFEST_SCREENSHOTS_LOCKED: "1" } });
  process.exit(r.status ?? 1);
}

async function shoot(appUrl: string) {
  const { chromium } = await import("@playwright/test");
  const { signIn } = await import("../e2e/fixtures");
  const fontDir = process.env.SCREENSHOT_CJK_FONT;
  // Served under a made-up path; named "Noto Sans SC", which the app's font stack (app/globals.css) lists.
  const fontCss = fontDir
    ? readFileSync(path.join(fontDir, "index.css"), "utf8")
        .replaceAll("'Noto Sans SC Variable'", "'Noto Sans SC'")
        .replaceAll("url(./files/", "url(/__cjk-font/")
    : null;
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const login = await browser.newContext({ baseURL: appUrl, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    await signIn(await login.newPage(), STUDENT);
    const storageState = await login.storageState();
    await login.close();

    for (const { file, ...device } of SHOTS) {
      const context = await browser.newContext({
        ...device,
        baseURL: appUrl,
        storageState,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
        bypassCSP: !!fontCss,
      });
      if (fontDir) {
        await context.route("**/__cjk-font/*", (route) =>
          route.fulfill({ contentType: "font/woff2", body: readFileSync(path.join(fontDir, "files", path.basename(new URL(route.request().url()).pathname))) }),
        );
      }
      const page = await context.newPage();
      await page.goto("/");
      if (fontCss) {
        await page.addStyleTag({ content: fontCss });
        // Fonts load when text needs them: ask for every subset the page's text uses, then wait.
        await page.evaluate(async () => {
          await document.fonts.load("16px 'Noto Sans SC'", document.body.innerText);
          await document.fonts.ready;
        });
      }
      await page.locator("main").waitFor();
      // The home's figures come from client queries: wait until nothing is loading any more.
      await page.waitForLoadState("networkidle");
      const out = path.join(OUT_DIR, file);
      await page.screenshot({ path: out });
      log(`wrote ${path.relative(ROOT, out)} (${device.viewport.width}×${device.viewport.height} @${device.deviceScaleFactor}x)`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

async function main() {
  if (process.env.MANIFEST_SCREENSHOTS_LOCKED !== "1") relaunchUnderLock();
  if (!process.env.SCREENSHOT_CJK_FONT) log("SCREENSHOT_CJK_FONT is not set: Chinese text falls back to the system's fonts");
  const { startStack } = await import("../e2e/stack");
  log(REUSE ? "starting the stack on the last build" : "building and starting the stack");
  const stack = await startStack({ students: 50, reuseBuild: REUSE });
  try {
    await shoot(stack.state.appUrl);
  } finally {
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error("[screenshots] failed:", e);
  process.exit(1);
});
