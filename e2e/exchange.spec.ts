// A student signs in through the real campus SSO, sees balance and quota, exchanges a
// package, and sees the balance drop and the exchange in the log (desktop and phone each use
// their own demo student, since both projects share one database).
import { readFileSync } from "node:fs";
import pg from "pg";
import { now } from "../lib/clock";
import { monthKey } from "../lib/time";
import { DEMO, expect, signIn, test } from "./fixtures";
import { STATE_FILE } from "./paths";

/**
 * The stack's clock runs on (E2E_NOW only starts it): a run begun at 23:59 on a month's last day
 * is in the next month by now, where 李四's free quota is fresh and he is no longer throttled.
 * Then his new month's quota is used up here, as a heavy user's first minutes would, so the test
 * still starts from a throttled student. Within the seed's month nothing is touched: the seed's
 * promise is what is tested (and dev/demo-campus.int.test.ts checks it on every kind of day).
 */
async function throttledAfterMonthTurned(studentNo: string) {
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string; seededAt?: string };
  const month = monthKey(now());
  if (!state.seededAt || monthKey(new Date(state.seededAt)) === month) return;
  const db = new pg.Client({ connectionString: state.databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO "monthly_quotas" ("userId", "month", "freeBytes", "freeUsedBytes", "createdAt")
       SELECT u."id", $2, p."freeMonthlyBytes", p."freeMonthlyBytes", $3 FROM "users" u, "quota_policy" p WHERE u."studentNo" = $1 AND p."id" = 1
       ON CONFLICT ("userId", "month") DO UPDATE SET "freeUsedBytes" = "monthly_quotas"."freeBytes"`,
      [studentNo, month, now()],
    );
  } finally {
    await db.end();
  }
}

test("a student exchanges a package and sees it everywhere", async ({ page }, testInfo) => {
  test.setTimeout(60_000); // a sign-in and five page loads: 20 s when the machine is busy
  const phone = testInfo.project.name === "phone";
  const account = phone ? DEMO.noPackage : DEMO.throttled;
  const { code, name, before, after } = phone
    ? { code: "P5", name: "5元8G流量包", before: "¥80.00", after: "¥75.00" }
    : { code: "P10", name: "10元20G流量包", before: "¥25.00", after: "¥15.00" };

  if (!phone) await throttledAfterMonthTurned(account);
  await signIn(page, account, { from: "/" });
  await expect(page.getByTestId("balance")).toHaveText(before);
  await expect(page.getByTestId("free-remaining")).toBeVisible();
  if (!phone) await expect(page.getByTestId("speed-mode")).toContainText("限速");
  // The chart loads when it comes near the screen (modules/usage/components/usage-bar-chart-lazy.tsx).
  await page.getByRole("figure").first().scrollIntoViewIfNeeded();
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();

  await page.goto("/packages");
  await page.getByTestId(`package-${code}`).getByRole("button").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(name);
  await expect(dialog).toContainText(after);
  await dialog.getByRole("button", { name: "确认换购" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("换购成功")).toBeVisible();

  // One package at a time: the other packages cannot be exchanged now.
  await expect(page.getByTestId("package-P30").getByRole("button")).toBeDisabled();

  await page.goto("/");
  await expect(page.getByTestId("balance")).toHaveText(after);
  await expect(page.getByTestId("speed-mode")).toContainText("高速");
  await expect(page.getByTestId("package-remaining")).toBeVisible();

  await page.goto("/exchanges");
  const row = page.getByTestId("exchange-row").first();
  await expect(row).toContainText(name);
  await expect(row).toContainText(before === "¥80.00" ? "¥5.00" : "¥10.00");
  await expect(row).toContainText("生效中");
});

test.describe("a brand-new student", () => {
  test.use({ account: DEMO.newStudent });

  test("sees friendly empty states", async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto("/");
    await expect(page.getByTestId("balance")).toHaveText("¥0.00");
    await page.goto("/exchanges");
    await expect(page.getByTestId("exchange-row")).toHaveCount(0);
    await expect(page.getByRole("link", { name: /套餐/ }).first()).toBeVisible();
  });
});
