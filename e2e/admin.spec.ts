// The /admin gate: students get a clear 403, staff find a student and see their account.
import { DEMO, expect, test } from "./fixtures";

test.describe("as a student", () => {
  test.use({ account: DEMO.student });

  test("is refused /admin with a 403 page", async ({ page }) => {
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  });
});

test.describe("as an admin", () => {
  test.use({ account: DEMO.admin });

  test("finds a student by number and sees balance and exchanges", async ({ page }) => {
    await page.goto("/admin");
    await page.getByLabel("学号或姓名").fill(DEMO.student);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page).toHaveURL(/\/admin\/users\?q=/);
    const row = page.getByTestId("admin-user-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("张三");
    await row.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("张三");
    await expect(page.getByTestId("admin-balance")).toContainText("¥");
    await expect(page.getByTestId("admin-exchange-row").first()).toBeVisible();
  });

  test("finds students by name too, and says so when nothing matches", async ({ page }) => {
    await page.goto("/admin/users?q=" + encodeURIComponent("李四"));
    await expect(page.getByTestId("admin-user-row").first()).toContainText(DEMO.throttled);
    await page.goto("/admin/users?q=nobody-here");
    await expect(page.getByText("没有找到")).toBeVisible();
  });
});

test.describe("as an operator", () => {
  test.use({ account: DEMO.operator });

  test("may open /admin", async ({ page }) => {
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
