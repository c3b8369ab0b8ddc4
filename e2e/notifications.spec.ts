// The notification centre on the phone: 何静 (dev/demo-notifications.ts) signs in through the real
// login, the header's bell says how many notifications are unread, /notifications lists them in
// plain words with the time and where to act, and marking one, then all, read clears the count.
import { NOTIFICATION_DEMO } from "../dev/demo-notifications";
import { expect, signIn, test } from "./fixtures";

test("the bell shows the unread count; the centre lists every kind and mark-all-read clears it @phone-only", async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, NOTIFICATION_DEMO.student, { from: "/" });

  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("通知，2 条未读");
  await expect(bell.getByTestId("notification-count")).toHaveText("2");
  await bell.click();
  await page.waitForURL("**/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "通知" })).toBeVisible();

  const list = page.getByRole("list", { name: "通知列表" });
  const items = list.getByTestId("notification");
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId("notifications-summary")).toHaveText("2 条未读");

  const booked = list.locator('[data-kind="PLAN_BOOKED"]');
  await expect(booked).toHaveAttribute("data-read", "false");
  await expect(booked).toContainText(/已为你换购\d{4}年\d{1,2}月的套餐/);
  await expect(booked.getByRole("link", { name: "查看换购记录" })).toHaveAttribute("href", "/exchanges");
  await expect(booked.locator("time")).toHaveText(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);

  const device = list.locator('[data-kind="DEVICE_LIMIT"]');
  await expect(device).toContainText("一台设备被挤下线");
  await expect(device).toContainText("“宿舍平板”已被下线");
  await expect(device.getByRole("link", { name: "查看登录问题" })).toHaveAttribute("href", "/network/login-problems");

  const appeal = list.locator('[data-kind="APPEAL_REFUSED"]');
  await expect(appeal).toHaveAttribute("data-read", "true");
  await expect(appeal).toContainText("网络中心的说明：套餐已用流量较多，不符合误操作申诉条件");
  await expect(appeal.getByRole("button", { name: "标为已读" })).toHaveCount(0);

  // one read: the row and the bell follow
  await device.getByRole("button", { name: "标为已读" }).click();
  await expect(device).toHaveAttribute("data-read", "true");
  await expect(bell).toHaveAccessibleName("通知，1 条未读");
  await expect(bell.getByTestId("notification-count")).toHaveText("1");

  // all read: the count is gone, and stays gone after a reload
  await page.getByRole("button", { name: "全部标为已读" }).click();
  await expect(bell).toHaveAccessibleName("通知，没有未读");
  await expect(bell.getByTestId("notification-count")).toHaveCount(0);
  await expect(page.getByTestId("notifications-summary")).toHaveText("全部已读");
  await expect(page.getByRole("button", { name: "全部标为已读" })).toHaveCount(0);
  await page.reload();
  await expect(items).toHaveCount(3);
  await expect(list.locator('[data-read="false"]')).toHaveCount(0);
  await expect(bell).toHaveAccessibleName("通知，没有未读");
});
