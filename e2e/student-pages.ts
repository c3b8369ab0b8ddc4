// The student pages that e2e/a11y.spec.ts (axe) and e2e/reflow.spec.ts (320 px, 200 % text) check,
// in two groups of about the same size: each group is a test of its own, so the two workers share
// a sweep instead of one worker walking every page in turn.
import type { Page } from "@playwright/test";

/**
 * A path, or a detail page reached through the first link matching `link` on the page `from` (a
 * path checked earlier in the same group): a real id from the demo data (an order, a month).
 */
export type StudentPage = string | { name: string; link: RegExp; from: string };

export const STUDENT_PAGE_GROUPS: { name: string; pages: StudentPage[] }[] = [
  {
    name: "home, packages, recharge, statement",
    pages: [
      "/",
      "/packages",
      "/recharge",
      "/recharge/records",
      { name: "/recharge/orders/[orderNo]", link: /^\/recharge\/orders\/[^/]+$/, from: "/recharge/records" },
      { name: "/recharge/receipts/[orderNo]", link: /^\/recharge\/receipts\/[^/]+$/, from: "/recharge/records" },
      "/statement",
      { name: "/statement/[month]", link: /^\/statement\/\d{4}-\d{2}$/, from: "/statement" },
    ],
  },
  {
    name: "exchanges, notifications, network",
    pages: [
      "/exchanges",
      "/notifications",
      "/network",
      "/network/devices",
      "/network/usage",
      "/network/password",
      "/network/guests",
      "/network/login-problems",
    ],
  },
];

/** The paths of every link on the page, in document order. */
export function linksOn(page: Page): Promise<string[]> {
  return page.locator("a[href]").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}
