// 访客码 on the phone: 张三 (the demo's live pass guest-HAPPY2 for 表妹) issues a pass for a
// visitor, sees its user name, PIN and QR code once, finds it among the live passes, revokes it
// after the confirmation and finds it among the ended ones. Through the real login and actions.
import { DEMO, expect, signIn, test } from "./fixtures";

test("a student issues a guest pass, sees its code and QR, and revokes it @phone-only", async ({ page }) => {
  await signIn(page, DEMO.student, { from: "/network/guests" });
  await expect(page.getByRole("heading", { name: "访客码", level: 1 })).toBeVisible();
  const live = page.getByTestId("guest-live");
  await expect(live).toContainText("guest-HAPPY2");
  await expect(live).toContainText("表妹");

  await page.getByLabel("有效时长").selectOption("3");
  await page.getByLabel("备注（选填）").fill("e2e 来访同学");
  await page.getByRole("button", { name: "开通", exact: true }).click();

  const issued = page.getByTestId("guest-issued");
  await expect(issued).toContainText("访客码已开通");
  await expect(issued).toContainText("只显示这一次");
  const login = (await issued.getByTestId("guest-login").textContent())!.trim();
  expect(login).toMatch(/^guest-[A-HJKMNP-Z2-9]{6}$/);
  await expect(issued.getByTestId("guest-pin")).toHaveText(/^\d{6}$/);
  await expect(issued.getByTestId("guest-qr").locator("svg")).toBeVisible();
  await issued.getByRole("button", { name: "我已记下" }).click();
  await expect(issued).toBeHidden();

  const item = live.getByTestId("guest-live-item").filter({ hasText: login });
  await expect(item).toContainText("e2e 来访同学");
  await expect(item).toContainText("剩余");
  await item.getByRole("button", { name: "撤销" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`撤销访客码 ${login.slice("guest-".length)}？`);
  await dialog.getByRole("button", { name: "撤销" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("guest-notice")).toContainText("已撤销");
  await expect(live.getByTestId("guest-live-item").filter({ hasText: login })).toHaveCount(0);
  await expect(
    page
      .getByTestId("guest-past")
      .getByTestId("guest-past-item")
      .filter({ hasText: login.slice("guest-".length) }),
  ).toContainText("已撤销");
});
