// axe (WCAG 2.2 AA) on every student page and every staff page, in both languages, signed
// in through the real login (issue 11 item 5). Student pages run on the phone project, staff
// pages on the desktop one (where they are used): tagged @phone-only / @desktop-only, which
// playwright.config.ts selects per project. The language comes from the NEXT_LOCALE
// cookie, as the locale switcher sets it (i18n/request.ts). Each student page is checked once more
// with the system's dark scheme (the dark theme in app/globals.css follows prefers-color-scheme in
// CSS alone, so switching the emulated scheme on the loaded page and letting its colour transitions
// finish draws what a fresh load in the dark would). Any violation fails, printed rule by rule with
// the offending nodes. Each language and group of pages (e2e/student-pages.ts; the staff pages in two
// groups here) is a test of its own, so the two workers share the sweeps.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import pg from "pg";
import { LOCALE_COOKIE } from "../i18n/config";
import { DEMO, expect, test } from "./fixtures";
import { STATE_FILE } from "./paths";
import { linksOn, STUDENT_PAGE_GROUPS } from "./student-pages";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * A page to check: a path, or a detail page reached through the first link matching `link` on the
 * page `from` checked earlier in the same test, or else on the page checked just before it (a real
 * id from the demo data: an order, a month, a run).
 */
type PageEntry =
  | string
  | { link: RegExp; name: string; from?: string; orCreate?: (page: Page) => Promise<void> }
  /** a detail page whose id no list page links to at the e2e clock (e.g. only today's counter receipts are listed): read from the stack's database */
  | { name: string; sql: string };

/** The first column of the first row of `sql` on the e2e stack's database, or null. */
async function firstValue(sql: string): Promise<string | null> {
  const { databaseUrl } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string };
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(sql);
    return rows[0] ? String(Object.values(rows[0])[0]) : null;
  } finally {
    await db.end();
  }
}

/**
 * Reconciliation runs are not in the demo data: when there is none yet, the sweep runs one (each
 * language may, as they run in parallel) through the form for a day long before any order (nothing to compare, nothing repaired)
 * and lands on its page.
 */
async function reconcileAnEmptyDay(page: Page) {
  await page.getByTestId("recon-day").fill("2020-01-01");
  await page.getByTestId("recon-run").click();
  await page.waitForURL(/\/admin\/finance\/reconciliation\/[^/]+$/);
}

/** Every page under app/admin (the detail pages with a real id), in the order the links need, in two groups. */
const STAFF_PAGE_GROUPS: { name: string; pages: PageEntry[] }[] = [
  {
    name: "dashboard, users, counter, finance",
    pages: [
      "/admin",
      "/admin/users",
      // the list is a search: a student's page with everything on it (sessions, ledger, orders, packages)
      `/admin/users?q=${DEMO.student}`,
      { name: "/admin/users/[studentNo]", link: /^\/admin\/users\/\d+$/ },
      "/admin/counter",
      {
        name: "/admin/counter/receipts/[orderNo]",
        sql: `SELECT '/admin/counter/receipts/' || "orderNo" FROM "recharge_orders" WHERE "channel" = 'COUNTER' AND "state" = 'CREDITED' ORDER BY "createdAt" DESC LIMIT 1`,
      },
      "/admin/finance",
      "/admin/finance/orders",
      { name: "/admin/finance/orders/[orderNo]", link: /^\/admin\/finance\/orders\/[^/?]+$/ },
      "/admin/finance/flagged",
      "/admin/finance/reconciliation",
      { name: "/admin/finance/reconciliation/[runId]", link: /^\/admin\/finance\/reconciliation\/[^/]+$/, orCreate: reconcileAnEmptyDay },
    ],
  },
  {
    name: "settings, jobs, lifecycle, catalogue, queues, audit",
    pages: [
      "/admin/settings",
      "/admin/settings/history/service",
      "/admin/jobs",
      "/admin/lifecycle",
      "/admin/lifecycle/intake",
      "/admin/lifecycle/graduation",
      "/admin/catalogue",
      "/admin/queues",
      "/admin/queues/appeals",
      "/admin/queues/renewals",
      "/admin/queues/unknown-radius",
      "/admin/queues/lockouts",
      "/admin/audit",
      "/admin/audit?action=staff.read.",
    ],
  },
];
const LANGUAGES = ["zh-CN", "en"] as const;

// A sign-in and axe on a dozen or more pages take a while on two shared cores.
test.describe.configure({ timeout: 300_000 });

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

type Scheme = "light" | "dark";

/** Waits for the colour transitions a switch of scheme starts (finite CSS transitions only, not spinners). */
function transitionsDone(page: Page) {
  return page.evaluate(() => Promise.all(document.getAnimations().map((a) => (a instanceof CSSTransition ? a.finished.catch(() => null) : null))));
}

async function checkPage(page: Page, path: string, lang: (typeof LANGUAGES)[number], schemes: Scheme[], opts: { navigate?: boolean } = {}) {
  if (opts.navigate !== false) {
    const response = await page.goto(path);
    expect.soft(response?.status(), `${path} answers`).toBeLessThan(400);
  }
  // Still on the page asked for (not sent to /signin or /forbidden), in the language asked for.
  expect.soft(new URL(page.url()).pathname).toBe(new URL(path, page.url()).pathname);
  await expect.soft(page.locator("html")).toHaveAttribute("lang", lang);
  await page.waitForLoadState("networkidle");
  for (const colorScheme of schemes) {
    await page.emulateMedia({ colorScheme });
    await transitionsDone(page);
    // Legacy mode: axe.run in the page itself. The default (runPartial per frame, then finishRun in a
    // fresh blank page with axe injected again) exists for cross-origin frames, and these pages have
    // no frames at all (no <iframe> in the app; CSP frame-ancestors 'self'); it took about as long
    // again as the checks themselves. Same rules, same results.
    const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).setLegacyMode(true).analyze();
    // Compared as text, so a failure prints the readable list rather than axe's raw objects.
    expect.soft(describeViolations(results.violations), `axe on ${path} (${lang}, ${colorScheme})`).toBe("");
  }
}

/**
 * Checks one entry; `links` holds the links seen on each path checked so far in this test (a
 * detail page's `from`).
 */
async function checkEntry(page: Page, entry: PageEntry, lang: (typeof LANGUAGES)[number], schemes: Scheme[], links: Map<string, string[]>) {
  if (typeof entry === "string") {
    await checkPage(page, entry, lang, schemes);
    links.set(entry, await linksOn(page));
    return;
  }
  if ("sql" in entry) {
    const path = await firstValue(entry.sql);
    expect.soft(path, `a row for ${entry.name} in the demo data`).not.toBeNull();
    return path ? checkPage(page, path, lang, schemes) : undefined;
  }
  const hrefs = entry.from ? (links.get(entry.from) ?? []) : await linksOn(page);
  const href = hrefs.find((h) => entry.link.test(h)) ?? null;
  if (href) return checkPage(page, href, lang, schemes);
  if (entry.orCreate) {
    await entry.orCreate(page);
    return checkPage(page, new URL(page.url()).pathname, lang, schemes, { navigate: false });
  }
  // No such link in the demo data: a failure, not a silent skip.
  expect.soft(href, `a link to ${entry.name} on ${entry.from ?? new URL(page.url()).pathname}`).not.toBeNull();
}

/**
 * One saved sign-in per test, then every page of the group in turn (a step each; soft checks, so
 * one page's violations do not hide the next page's): a sign-in per page made the spec take 8–10
 * minutes of CI.
 */
async function checkPages(page: Page, entries: PageEntry[], lang: (typeof LANGUAGES)[number], schemes: Scheme[]) {
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: lang, url: baseURL }]);
  const links = new Map<string, string[]>();
  for (const entry of entries) {
    await test.step(`axe ${lang} ${typeof entry === "string" ? entry : entry.name}`, () => checkEntry(page, entry, lang, schemes, links));
  }
}

test.describe("student pages, light and dark", { tag: "@phone-only" }, () => {
  test.describe.configure({ mode: "parallel" });
  test.use({ account: DEMO.student });
  for (const lang of LANGUAGES) {
    for (const group of STUDENT_PAGE_GROUPS) {
      test(`axe ${lang}, light and dark: ${group.name}`, async ({ page }) => {
        await checkPages(page, group.pages, lang, ["light", "dark"]);
      });
    }
  }
});

test.describe("staff pages", { tag: "@desktop-only" }, () => {
  test.describe.configure({ mode: "parallel" });
  test.use({ account: DEMO.admin });
  for (const lang of LANGUAGES) {
    for (const group of STAFF_PAGE_GROUPS) {
      test(`axe ${lang}: ${group.name}`, async ({ page }) => {
        await checkPages(page, group.pages, lang, ["light"]);
      });
    }
  }
});
