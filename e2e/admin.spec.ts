// The /admin gate: students get a clear 403, staff find a student and see their account.
import { DEMO, expect, test } from "./fixtures";

test.describe("as a student", () => {
  test.use({ account: DEMO.student });

  test("is refused /admin with a 403 page", async ({ page }) => {
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  });

  test("gets nothing of the staff pages in the whole response, HTML and RSC payload", async ({ page }) => {
    // The page renders beside its layout: a layout's 403 alone once let 李四's name, faculty and
    // balance through in the HTML and the RSC payload. Other students' data must be in neither.
    const otherStudents = ["李四", "陈晓", "经济管理学院", "数学科学学院", "¥25.00"];
    for (const url of ["/admin", "/admin/users?q=2023", `/admin/users/${DEMO.throttled}`, "/admin/finance", "/admin/settings"]) {
      for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
        // An RSC request is first redirected to the same path with its `_rsc` cache-busting parameter.
        const response = await page.request.get(url, { headers });
        const body = await response.text();
        // HTML answers 403; the RSC payload answers 200 and carries the 403 as its error digest.
        const refused = response.status() === 403 || (response.status() === 200 && body.includes("NEXT_HTTP_ERROR_FALLBACK;403"));
        expect(refused, `${url} ${JSON.stringify(headers)}: ${response.status()}`).toBe(true);
        for (const text of otherStudents) expect(body, `${url} ${JSON.stringify(headers)} carries ${text}`).not.toContain(text);
      }
    }
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
