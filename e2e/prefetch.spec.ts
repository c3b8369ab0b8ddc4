// Links prefetch on intent, not on sight (components/ui/link.tsx, docs/decisions/024-web-speed.md):
// opening the home fetches no other page, and a pointer on a tab or the keyboard on a link warms
// that page before the tap or Enter.
import type { Request } from "@playwright/test";
import { DEMO, expect, test } from "./fixtures";

test.use({ account: DEMO.student });

const isPrefetch = (r: Request) => Boolean(r.headers()["next-router-prefetch"]);

test("the home prefetches nothing on load; hover and keyboard focus warm the page they lead to @desktop-only", async ({ page }) => {
  const prefetched: string[] = [];
  page.on("request", (r) => {
    if (isPrefetch(r)) prefetched.push(new URL(r.url()).pathname);
  });
  await page.goto("/");
  await expect(page.getByTestId("home-network-entry")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(prefetched, "no page is fetched just because its link is on screen").toEqual([]);

  const packagesTab = page.locator('nav a[href="/packages"]').first();
  const hovered = page.waitForRequest((r) => isPrefetch(r) && new URL(r.url()).pathname === "/packages");
  await packagesTab.hover();
  await hovered;

  const recharge = page.locator('a[href="/recharge"]').first();
  const focused = page.waitForRequest((r) => isPrefetch(r) && new URL(r.url()).pathname === "/recharge");
  await recharge.focus();
  await focused;
  expect(new Set(prefetched)).toEqual(new Set(["/packages", "/recharge"]));

  // and the warmed link still navigates
  await packagesTab.click();
  await expect(page).toHaveURL(/\/packages$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
