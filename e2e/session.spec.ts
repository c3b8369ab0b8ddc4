// Language choice and sign-out, through the real UI.
import { DEMO, expect, signIn, test } from "./fixtures";

test.describe("languages", () => {
  test.use({ account: DEMO.student });

  test("Chinese by default; the English switch is remembered across visits", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page
      .getByRole("button", { name: /切换语言/ })
      .first()
      .click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("link", { name: "Packages" }).first()).toBeVisible();
    await page.goto("/packages");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("package-P5")).toContainText("8 GB");
    // and back, so the saved login of other tests stays Chinese
    await page
      .getByRole("button", { name: /Switch language/i })
      .first()
      .click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });
});

test("signing out ends the campus session too, so the next sign-in asks again", async ({ page }) => {
  await signIn(page, DEMO.noPackage, { from: "/" });
  await page.getByRole("button", { name: "退出登录" }).first().click();
  // the IdP asks to confirm ending the SSO session, then returns to the app
  await page.locator("button[name=logout]").click();
  await expect(page).toHaveURL((u) => u.pathname === "/signin");
  await page.getByRole("button", { name: /统一身份认证/ }).click();
  await expect(page.locator("input[name=username]")).toBeVisible();
});
