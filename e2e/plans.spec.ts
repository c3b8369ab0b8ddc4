// 下月生效 and 每月自动续订 on the phone: the brand-new student (¥0.00, no package) schedules a package
// for next month from its card, sees the plan card with the date, the price and that the balance
// is short, cancels it; then turns on monthly renewal with the switch and cancels that too, leaving
// the account as it found it. The booking itself is the month-start job's (modules/plans int tests).
import { now } from "../lib/clock";
import { formatDate } from "../lib/format";
import { startOfNextMonth } from "../lib/time";
import { DEMO, expect, test } from "./fixtures";

test.use({ account: DEMO.newStudent });

test("a student schedules a package for next month, sees it, cancels it; then sets auto-renew @phone-only", async ({ page }) => {
  const firstDay = formatDate(startOfNextMonth(now()), "zh-CN");
  await page.goto("/packages");
  const card = page.getByTestId("plan-card");
  await expect(card.getByTestId("plan-empty")).toBeVisible();

  // 下月生效: the confirmation says when and how much, and that the balance is short now.
  await page.getByTestId("plan-schedule-P10").click();
  let dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("plan-dialog-when")).toContainText(`将于 ${firstDay} 00:00`);
  await expect(dialog.getByTestId("plan-dialog-when")).toContainText("¥10.00");
  await expect(dialog).toContainText("当前余额 ¥0.00");
  await dialog.getByRole("button", { name: "确认预约" }).click();
  await expect(dialog).toBeHidden();

  await expect(card.getByTestId("plan-kind")).toHaveText("下月生效");
  await expect(card).toContainText("10元20G流量包");
  await expect(card.getByTestId("plan-next")).toContainText(firstDay);
  await expect(card.getByTestId("plan-balance")).toHaveAttribute("data-sufficient", "false");
  await expect(card.getByTestId("plan-balance")).toContainText("还差 ¥10.00");
  // One plan at a time: no other can be scheduled until this one is cancelled.
  await expect(page.getByTestId("plan-schedule-P5")).toHaveCount(0);

  await card.getByTestId("plan-cancel").click();
  dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`将不会在 ${firstDay} 生效`);
  await dialog.getByRole("button", { name: "取消预约" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("预约已取消");
  await expect(card.getByTestId("plan-live")).toHaveCount(0);

  // 每月自动续订: the switch changes what the confirmation promises.
  await page.getByTestId("plan-schedule-P5").click();
  dialog = page.getByRole("dialog");
  const toggle = dialog.getByRole("switch", { name: "每月自动续订" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(dialog.getByTestId("plan-dialog-when")).toContainText(`自 ${firstDay} 起，每月 1 日 00:00`);
  await expect(dialog.getByTestId("plan-dialog-when")).toContainText("¥5.00");
  await dialog.getByRole("button", { name: "开启自动续订" }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId("plan-kind")).toHaveText("每月自动续订");
  await expect(card).toContainText("5元8G流量包");
  await expect(card.getByTestId("plan-next")).toContainText("之后每月 1 日");

  // Reload: it is stored, not just shown.
  await page.reload();
  await expect(page.getByTestId("plan-card").getByTestId("plan-kind")).toHaveText("每月自动续订");
  await page.getByTestId("plan-card").getByTestId("plan-cancel").click();
  dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("将不再自动续订");
  await dialog.getByRole("button", { name: "取消预约" }).click();
  await expect(page.getByTestId("plan-card").getByTestId("plan-live")).toHaveCount(0);
});
