// axe (WCAG 2.2 AA) on every student page and every staff page, in both languages, signed
// in through the real login (issue 11 item 5). Student pages run on the phone project, staff
// pages on the desktop one (where they are used). The language comes from the NEXT_LOCALE
// cookie, as the locale switcher sets it (i18n/request.ts). The student pages run once more
// with the system's dark scheme (the dark theme in app/globals.css follows
// prefers-color-scheme). Any violation fails, printed rule by rule with the offending nodes.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import pg from "pg";
import { LOCALE_COOKIE } from "../i18n/config";
import { DEMO, expect, test } from "./fixtures";
import { STATE_FILE } from "./paths";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * A page to check: a path, or a detail page reached from the page checked just before it through
 * the first link matching `link` (a real id from the demo data: an order, a month, a run).
 */
type PageEntry =
  | string
  | { link: RegExp; name: string; orCreate?: (page: Page) => Promise<void> }
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

const STUDENT_PAGES: PageEntry[] = [
  "/",
  "/packages",
  "/recharge",
  "/recharge/records",
  { name: "/recharge/orders/[orderNo]", link: /^\/recharge\/orders\/[^/]+$/ },
  "/recharge/records",
  { name: "/recharge/receipts/[orderNo]", link: /^\/recharge\/receipts\/[^/]+$/ },
  "/exchanges",
  "/notifications",
  "/network",
  "/network/devices",
  "/network/usage",
  "/network/password",
  "/network/guests",
  "/network/login-problems",
  "/statement",
  { name: "/statement/[month]", link: /^\/statement\/\d{4}-\d{2}$/ },
];

/**
 * Reconciliation runs are not in the demo data: when there is none yet, the first language runs
 * one through the form for a day long before any order (nothing to compare, nothing repaired)
 * and lands on its page.
 */
async function reconcileAnEmptyDay(page: Page) {
  await page.getByTestId("recon-day").fill("2020-01-01");
  await page.getByTestId("recon-run").click();
  await page.waitForURL(/\/admin\/finance\/reconciliation\/[^/]+$/);
}

/** Every page under app/admin (the detail pages with a real id), in the order the links need. */
const STAFF_PAGES: PageEntry[] = [
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

async function checkPage(page: Page, path: string, lang: (typeof LANGUAGES)[number], opts: { navigate?: boolean } = {}) {
  if (opts.navigate !== false) {
    const response = await page.goto(path);
    expect.soft(response?.status(), `${path} answers`).toBeLessThan(400);
  }
  // Still on the page asked for (not sent to /signin or /forbidden), in the language asked for.
  expect.soft(new URL(page.url()).pathname).toBe(new URL(path, page.url()).pathname);
  await expect.soft(page.locator("html")).toHaveAttribute("lang", lang);
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  // Compared as text, so a failure prints the readable list rather than axe's raw objects.
  expect.soft(describeViolations(results.violations), `axe on ${path} (${lang})`).toBe("");
}

/** The first link on the current page whose path matches, or null. */
async function firstLink(page: Page, link: RegExp): Promise<string | null> {
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return hrefs.find((h) => link.test(h)) ?? null;
}

async function checkEntry(page: Page, entry: PageEntry, lang: (typeof LANGUAGES)[number]) {
  if (typeof entry === "string") return checkPage(page, entry, lang);
  if ("sql" in entry) {
    const path = await firstValue(entry.sql);
    expect.soft(path, `a row for ${entry.name} in the demo data`).not.toBeNull();
    return path ? checkPage(page, path, lang) : undefined;
  }
  const href = await firstLink(page, entry.link);
  if (href) return checkPage(page, href, lang);
  if (entry.orCreate) {
    await entry.orCreate(page);
    return checkPage(page, new URL(page.url()).pathname, lang, { navigate: false });
  }
  // No such link in the demo data: a failure, not a silent skip.
  expect.soft(href, `a link to ${entry.name} on ${new URL(page.url()).pathname}`).not.toBeNull();
}

/**
 * One sign-in per language and scheme, then every page in turn (a step each; soft checks, so one
 * page's violations do not hide the next page's): a sign-in per page made the spec take 8–10
 * minutes of CI.
 */
async function checkPages(page: Page, entries: PageEntry[], lang: (typeof LANGUAGES)[number]) {
  const baseURL = test.info().project.use.baseURL!;
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: lang, url: baseURL }]);
  for (const entry of entries) {
    await test.step(`axe ${lang} ${typeof entry === "string" ? entry : entry.name}`, () => checkEntry(page, entry, lang));
  }
}

test.describe("student pages", () => {
  test.use({ account: DEMO.student });
  test.skip(({ isMobile }) => !isMobile, "student pages are checked on the phone");
  for (const lang of LANGUAGES) {
    test(`axe ${lang}: every student page`, async ({ page }) => {
      await checkPages(page, STUDENT_PAGES, lang);
    });
  }
});

test.describe("student pages, dark scheme", () => {
  test.use({ account: DEMO.student, colorScheme: "dark" });
  test.skip(({ isMobile }) => !isMobile, "student pages are checked on the phone");
  for (const lang of LANGUAGES) {
    test(`axe dark ${lang}: every student page`, async ({ page }) => {
      await checkPages(page, STUDENT_PAGES, lang);
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
