// "See the campus" on /admin (issue 12 item 3), desktop: the admin, through the real login, sees the
// live figures and the recharts charts of the overview (loaded lazily, refreshed by TanStack Query),
// switches the daily traffic to 180 days (its screen-reader table follows), sees the top users the
// database names for the month, finds no axe violation with the charts drawn, and downloads the daily traffic as CSV (BOM, header, one row a day).
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { DEMO, expect, test } from "./fixtures";

test.use({ account: DEMO.admin });

test("the admin sees the campus charts and figures and exports a table as CSV", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/admin");
  const dash = page.getByTestId("campus-dashboard");
  await expect(dash.getByRole("heading", { level: 2, name: "校园网概况" })).toBeVisible();
  // the existing KPI and queue tiles stay
  await expect(page.getByTestId("admin-queue-tiles")).toBeVisible();

  const live = page.getByTestId("dashboard-live");
  await expect(live.getByText("当前在线")).toBeVisible();
  await expect(live.getByText("今日活跃")).toBeVisible();
  await expect(live.getByText("当前限速")).toBeVisible();
  await expect(live.getByRole("link", { name: "查看待办队列" })).toHaveAttribute("href", "/admin/queues");

  // charts: each under its heading, drawn by recharts
  for (const id of ["traffic-daily", "traffic-hourly"]) {
    const section = page.getByTestId(`dashboard-${id}`);
    await expect(section.getByRole("heading", { level: 3 })).toBeVisible();
    await expect(section.locator("svg.recharts-surface").first()).toBeVisible();
  }
  await expect(page.locator("svg.recharts-surface")).not.toHaveCount(0);
  const hourly = page.getByTestId("dashboard-traffic-hourly").locator("table.sr-only tbody tr");
  await expect(hourly).toHaveCount(24);
  await expect(hourly.first().locator("th")).toHaveText("00:00");

  // recharges by channel and day: the demo campus keeps topping up online and at the counter
  const recharges = page.getByTestId("dashboard-recharges");
  await expect(recharges.locator("svg.recharts-surface").first()).toBeVisible();
  for (const channel of ["SANDBOX", "COUNTER"]) {
    await expect(recharges.locator("table.sr-only tbody tr").filter({ hasText: channel }).first()).toBeAttached();
  }

  // 30 → 180 days
  const daily = page.getByTestId("dashboard-traffic-daily");
  await expect(daily.locator("table.sr-only tbody tr")).toHaveCount(30);
  await daily.getByRole("button", { name: "180 天" }).click();
  await expect(daily.getByRole("button", { name: "180 天" })).toHaveAttribute("aria-pressed", "true");
  await expect(daily.locator("table.sr-only tbody tr")).toHaveCount(180);
  await expect(daily.getByRole("heading", { level: 3 })).toContainText("180");

  // top users (audited read) and NAS health are tables
  await expect(page.getByTestId("dashboard-top-users").getByRole("heading", { level: 3, name: "本月流量排行" })).toBeVisible();
  await expect(page.getByTestId("dashboard-nas").getByRole("heading", { level: 3, name: "NAS 状态" })).toBeVisible();

  // axe (WCAG 2.2 AA) with the charts and tables drawn (e2e/a11y.spec.ts may scan /admin before they load)
  await expect(page.getByTestId("dashboard-top-users").locator("table, p.text-sm").first()).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // CSV of the daily traffic (180 days, as shown)
  const lastDay = await daily.locator("table.sr-only tbody tr").last().locator("th").textContent();
  const [download] = await Promise.all([page.waitForEvent("download"), daily.getByRole("link", { name: "导出 CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^campus-traffic-daily-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFFday,upload_bytes,download_bytes,total_bytes,active_students\r\n")).toBe(true);
  const lines = csv.trim().split("\r\n");
  expect(lines).toHaveLength(181);
  expect(lines.at(-1)!.startsWith(`${lastDay},`)).toBe(true);
});
