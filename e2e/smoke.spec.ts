// Smoke: the stack is up and the campus sign-in works end to end, on desktop and phone.
import { DEMO, expect, signIn, SSO_BUTTON, test } from "./fixtures";

test("an anonymous visit to / is sent to the sign-in page", async ({ page, baseURL }) => {
  await page.goto("/");
  await expect(page).toHaveURL((u) => u.pathname === "/signin");
  const callbackUrl = new URL(page.url()).searchParams.get("callbackUrl");
  expect(callbackUrl, "the sign-in page should know where to return").toBeTruthy();
  expect(new URL(callbackUrl!, baseURL).pathname).toBe("/");
  // The page is drawn, not blank: its heading and the campus sign-in button.
  await expect(page.getByRole("heading", { level: 1, name: /校园网自助服务|Campus Network Self-Service/ })).toBeVisible();
  await expect(page.getByRole("button", { name: SSO_BUTTON })).toBeVisible();
});

test("a student signs in through the campus IdP and returns to the app", async ({ page, baseURL }) => {
  await signIn(page, DEMO.student, { from: "/" });
  const landed = new URL(page.url());
  expect(landed.origin).toBe(new URL(baseURL!).origin);
  expect(landed.pathname).not.toBe("/signin");
});

test.describe("with a saved login", () => {
  test.use({ account: DEMO.student });

  test("the home page opens without a detour to /signin", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBeLessThan(500);
    expect(new URL(page.url()).pathname).not.toBe("/signin");
    // What the home page shows a student: its heading, the wallet balance in yuan, the quota card.
    await expect(page.getByRole("heading", { level: 1, name: /我的校园网|My campus network/ })).toBeAttached();
    await expect(page.getByText(/网费余额|Network balance/).first()).toBeVisible();
    await expect(page.getByText(/¥\s?[\d,]+\.\d{2}/).first()).toBeVisible();
    await expect(page.getByText(/剩余高速流量|High-speed data left/).first()).toBeVisible();
  });
});
