// Login fixtures for every role. `test.use({ account: DEMO.admin })` makes `page` signed in
// as that demo account: each worker signs in once per account through the real flow
// (campus SSO button → dev IdP form → back to the app) and reuses the saved storage state
// (e2e/.state/auth/, cleared by every global setup since user ids change with the database).
// `pageAs(username)` opens a further signed-in page, for tests that need two roles at once.
import { renameSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../dev/idp/accounts";
import { AUTH_DIR } from "./paths";

/** The demo accounts of the dev IdP, by what they are good for (dev/idp/accounts.ts). */
export const DEMO = {
  /** 张三: balance and an active package */
  student: "2023010001",
  /** 李四: quota used up (throttled), ¥25.00, no package */
  throttled: "2023010002",
  /** 陈晓: ¥80.00, no package */
  noPackage: "2023010004",
  /** 王小明: brand-new, not seeded; created at first sign-in */
  newStudent: "2023010003",
  /** 林可: ¥50.00, no package; only e2e/keyboard.spec.ts moves her money */
  keyboard: "2023010007",
  /** 吴磊: paused (停机保号) with a frozen package; only e2e/pause.spec.ts uses him */
  paused: "2023010020",
  operator: "T20190001",
  finance: "F20180001",
  admin: "A20150001",
} as const;

/** The sign-in page's button that starts the campus OIDC login (next-auth provider `campus`). */
export const SSO_BUTTON = /统一身份认证|Campus SSO/;

/**
 * Signs `page` in as a demo account through the real login flow: opens `from` (a protected
 * page, so the app sends us to /signin?callbackUrl=…, or /signin itself), clicks the SSO
 * button, fills the IdP form and waits until the browser is back on the app.
 */
export async function signIn(page: Page, username: string, opts: { from?: string } = {}): Promise<void> {
  if (!DEMO_ACCOUNTS.some((a) => a.username === username)) {
    throw new Error(`${username} is not a demo account of the dev IdP (dev/idp/accounts.ts)`);
  }
  await page.goto(opts.from ?? "/signin");
  const app = new URL(page.url()).origin;
  if (new URL(page.url()).pathname !== "/signin") {
    throw new Error(`expected the sign-in page, but ${opts.from ?? "/signin"} showed ${page.url()} (already signed in?)`);
  }
  await page.getByRole("button", { name: SSO_BUTTON }).click();

  // Either the IdP's login form, or straight back when the IdP still has a session.
  await page.waitForURL((u) => u.origin !== app || !isAuthPath(u));
  if (new URL(page.url()).origin !== app) {
    await page.locator("input[name=username]").fill(username);
    await page.locator("input[name=password]").fill(DEMO_PASSWORD);
    await page.locator("button[type=submit]").click();
    await page.waitForURL((u) => u.origin === app && !u.pathname.startsWith("/api/auth/"));
  }
  const landed = new URL(page.url());
  if (landed.pathname === "/signin") {
    throw new Error(`sign-in as ${username} failed: back on ${landed.pathname}${landed.search}`);
  }
}

function isAuthPath(u: URL) {
  return u.pathname === "/signin" || u.pathname.startsWith("/api/auth/");
}

/** Signs in with a fresh context and saves its storage state; returns the file. */
async function saveLogin(browser: Browser, baseURL: string, username: string, file: string): Promise<string> {
  // An explicit empty state: a context made inside a signed-in test would otherwise inherit its login.
  const context = await browser.newContext({ baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai", storageState: { cookies: [], origins: [] } });
  try {
    await signIn(await context.newPage(), username);
    mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename: another worker may be reading the same file.
    await context.storageState({ path: `${file}.${process.pid}.tmp` });
    renameSync(`${file}.${process.pid}.tmp`, file);
    return file;
  } finally {
    await context.close();
  }
}

interface TestFixtures {
  /** The demo account `page` is signed in as; unset (the default) means anonymous. */
  account: string | undefined;
  /** Opens another page, in its own context with this project's device, signed in as `username`. */
  pageAs: (username: string) => Promise<Page>;
}
interface WorkerFixtures {
  /** Path of a saved storage state for `username`, signing in on first use. */
  storageStateFor: (username: string) => Promise<string>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  account: [undefined, { option: true }],

  storageStateFor: [
    async ({ browser }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      if (!baseURL) throw new Error("no baseURL: e2e/global-setup.ts sets E2E_BASE_URL");
      const saved = new Map<string, Promise<string>>();
      await use((username) => {
        let file = saved.get(username);
        if (!file) {
          const target = path.join(AUTH_DIR, `${workerInfo.project.name}-${username}.json`);
          // Another worker of this project may have signed in already during this run.
          file = existsSync(target) ? Promise.resolve(target) : saveLogin(browser, baseURL, username, target);
          saved.set(username, file);
        }
        return file;
      });
    },
    { scope: "worker" },
  ],

  storageState: async ({ account, storageState, storageStateFor }, use) => {
    await use(account ? await storageStateFor(account) : storageState);
  },

  pageAs: async ({ browser, storageStateFor, baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (username) => {
      const context = await browser.newContext({
        baseURL,
        viewport,
        userAgent,
        deviceScaleFactor,
        isMobile,
        hasTouch,
        locale,
        timezoneId,
        storageState: await storageStateFor(username),
      });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect };
