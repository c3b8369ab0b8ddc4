// 停机保号 on the phone: the demo's 吴磊 is paused with a frozen package (home banner, /network card);
// he resumes, schedules a pause for later, sees it and cancels it, then pauses now and resumes.
// Every step goes through the real login, the card's confirmations and the server actions.
import { DEMO, expect, signIn, test } from "./fixtures";

/** "YYYY-MM-DD" n days after `day`. */
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

test("a student resumes a pause, schedules one and cancels it, then pauses now and resumes @phone-only", async ({ page }) => {
  await signIn(page, DEMO.paused, { from: "/" });
  const banner = page.getByTestId("pause-banner");
  await expect(banner).toHaveAttribute("data-state", "ACTIVE");
  await expect(banner).toContainText("账户停机中");
  await expect(banner).toContainText("恢复后继续");

  await page.goto("/network#pause");
  const card = page.getByTestId("pause-card");
  const dialog = page.getByRole("dialog");
  await expect(card).toHaveAttribute("data-pause", "ACTIVE");
  await expect(card.getByTestId("pause-holding")).toContainText("已冻结");
  await expect(card.getByTestId("pause-active")).toContainText("自动恢复");

  // Resume early (confirmed first).
  await card.getByRole("button", { name: "立即恢复上网" }).click();
  await expect(dialog).toContainText("现在恢复上网？");
  await dialog.getByRole("button", { name: "立即恢复上网" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("已恢复，现在可以上网了");
  await expect(card).toHaveAttribute("data-pause", "NONE");
  await expect(card.getByTestId("pause-holding")).toContainText("停机期间冻结");

  // Schedule a pause of 10 days starting in 3 days; the length and the policy's limits are shown.
  await card.getByText("预约停机", { exact: true }).first().click();
  const start = card.getByLabel("开始日期");
  const today = (await start.getAttribute("min"))!;
  const startDay = addDays(today, 3);
  await start.fill(startDay);
  await card.getByLabel("恢复日期").fill(addDays(startDay, 3));
  await expect(card.getByTestId("pause-length")).toContainText("停机时长须在 7–180 天之间");
  await expect(card.getByRole("button", { name: "预约停机" })).toBeDisabled();
  await card.getByLabel("恢复日期").fill(addDays(startDay, 10));
  await expect(card.getByTestId("pause-length")).toContainText("共 10 天");
  await card.getByRole("button", { name: "预约停机" }).click();
  await expect(dialog).toContainText("共 10 天");
  await dialog.getByRole("button", { name: "确认预约" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("已预约停机（共 10 天）");
  await expect(card).toHaveAttribute("data-pause", "SCHEDULED");
  await expect(card.getByTestId("pause-scheduled")).toContainText("共 10 天");

  // The home page shows it too; then cancel it.
  await page.goto("/");
  await expect(page.getByTestId("pause-banner")).toHaveAttribute("data-state", "SCHEDULED");
  await page.goto("/network#pause");
  await card.getByRole("button", { name: "取消预约" }).click();
  await expect(dialog).toContainText("取消预约的停机？");
  await dialog.getByRole("button", { name: "取消预约" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("已取消预约的停机");
  await expect(card).toHaveAttribute("data-pause", "NONE");

  // Pause now for the minimum (the default resume day), then resume.
  await expect(card.getByTestId("pause-length")).toContainText("共 7 天");
  await card.getByRole("button", { name: "立即停机" }).click();
  await expect(dialog).toContainText("在线设备会立即下线");
  await dialog.getByRole("button", { name: "确认停机" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("已停机");
  await expect(card).toHaveAttribute("data-pause", "ACTIVE");
  await expect(card.getByTestId("pause-holding")).toContainText("已冻结");
  await card.getByRole("button", { name: "立即恢复上网" }).click();
  await dialog.getByRole("button", { name: "立即恢复上网" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toHaveAttribute("data-pause", "NONE");
  await page.goto("/");
  await expect(page.getByTestId("home-network-entry")).toBeVisible();
  await expect(page.getByTestId("pause-banner")).toHaveCount(0);
});
