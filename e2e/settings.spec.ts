// /admin/settings: admins edit the policies (each edit with a reason, kept in its history) and the NAS
// list; other staff get a 403.
import { DEMO, expect, test } from "./fixtures";

test.describe("as an admin", () => {
  test.use({ account: DEMO.admin });
  // Each policy test saves, reloads and saves again (restoring the seed): more than the default 30 s
  // when the box is busy.
  test.describe.configure({ timeout: 60_000 });

  test("changes the throttled download speed and sees it saved (then restores it)", async ({ page }) => {
    await page.goto("/admin");
    await page.getByRole("link", { name: "设置" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "设置" })).toBeVisible();

    const field = page.getByTestId("quota-throttled-down");
    const original = await field.inputValue();
    const changed = original === "1.5" ? "1.75" : "1.5";
    try {
      await field.fill(changed);
      await page.getByTestId("quota-reason").fill("e2e：限速调整");
      await page.getByTestId("quota-save").click();
      await expect(page.getByTestId("quota-result")).toContainText("已保存");
      await page.reload();
      await expect(page.getByTestId("quota-throttled-down")).toHaveValue(changed);

      // Throttled above high speed is refused before anything is sent.
      await page.getByTestId("quota-throttled-down").fill("100000");
      await page.getByTestId("quota-save").click();
      await expect(page.getByText("速率须在 64 kbit/s")).toBeVisible();
    } finally {
      // Other specs assert the seeded throttled speed ("2 Mbit/s").
      await page.reload();
      await page.getByTestId("quota-throttled-down").fill(original);
      await page.getByTestId("quota-reason").fill("e2e：恢复原值");
      await page.getByTestId("quota-save").click();
      await expect(page.getByTestId("quota-result")).toContainText("已保存");
    }
    await page.reload();
    await expect(page.getByTestId("quota-throttled-down")).toHaveValue(original);
  });

  test("edits the device limit with a reason and sees who, what and why in the history (then restores it)", async ({ page }) => {
    await page.goto("/admin/settings");
    const field = page.getByTestId("service-device-limit");
    const original = await field.inputValue();
    const changed = original === "4" ? "5" : "4";
    const reason = `e2e 宿舍设备增多 ${Date.now()}`;
    const history = page.getByTestId("service-history");
    await expect(history.getByRole("columnheader", { name: "修改原因" })).toBeVisible();
    await expect(history.locator("caption")).toContainText("自助服务规则的修改历史");
    try {
      // No reason: refused in the form, nothing sent.
      await field.fill(changed);
      await page.getByTestId("service-save").click();
      await expect(page.getByText("请填写修改原因。")).toBeVisible();

      await page.getByTestId("service-reason").fill(reason);
      await page.getByTestId("service-save").click();
      await expect(page.getByTestId("service-result")).toContainText("已保存");
      // The reason belongs to that edit: the field is empty again.
      await expect(page.getByTestId("service-reason")).toHaveValue("");

      const newest = history.getByTestId("service-history-row").first();
      await expect(newest).toContainText(reason);
      await expect(newest).toContainText("同时在线设备数");
      await expect(newest).toContainText(`${original} → ${changed}`);
      await expect(newest).toContainText(DEMO.admin);

      // Saving the same values again changes nothing and is refused.
      await page.getByTestId("service-reason").fill("再保存一次");
      await page.getByTestId("service-save").click();
      await expect(page.getByTestId("service-result")).toContainText("没有任何改动");

      // The full history page shows it too.
      await page.goto("/admin/settings/history/service");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("自助服务规则");
      await expect(page.getByTestId("policy-history-row").first()).toContainText(reason);
    } finally {
      // Other specs assert the seeded device limit.
      await page.goto("/admin/settings");
      if ((await page.getByTestId("service-device-limit").inputValue()) !== original) {
        await page.getByTestId("service-device-limit").fill(original);
        await page.getByTestId("service-reason").fill("e2e：恢复原值");
        await page.getByTestId("service-save").click();
        await expect(page.getByTestId("service-result")).toContainText("已保存");
      }
    }
    await page.reload();
    await expect(page.getByTestId("service-device-limit")).toHaveValue(original);
  });

  test("adds a NAS and deletes it", async ({ page }) => {
    const ip = `10.250.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const name = `e2e-nas-${Date.now()}`;
    await page.goto("/admin/settings");
    await page.getByTestId("nas-add").click();
    await page.getByTestId("nas-name").fill(name);
    await page.getByTestId("nas-ip").fill("10.0.0.300");
    await page.getByTestId("nas-secret").fill("e2e-shared-secret");
    await page.getByTestId("nas-save").click();
    await expect(page.getByText("请输入有效的 IPv4 或 IPv6 地址")).toBeVisible();
    await page.getByTestId("nas-ip").fill(ip);
    await page.getByTestId("nas-save").click();
    await expect(page.getByTestId("nas-notice")).toContainText("已添加");

    const row = page.getByTestId("nas-row").filter({ hasText: name });
    await expect(row).toContainText(ip);
    await expect(row).toContainText("3799");
    await expect(row).not.toContainText("e2e-shared-secret");

    await row.getByRole("button", { name: `删除 ${name}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(ip);
    await dialog.getByRole("button", { name: "删除" }).click();
    await expect(page.getByTestId("nas-notice")).toContainText("已删除");
    await expect(page.getByTestId("nas-row").filter({ hasText: name })).toHaveCount(0);
  });
});

test.describe("as an operator", () => {
  test.use({ account: DEMO.operator });

  test("is refused /admin/settings and sees no link to it", async ({ page }) => {
    const response = await page.goto("/admin/settings");
    expect(response?.status()).toBe(403);
    await page.goto("/admin");
    await expect(page.getByRole("link", { name: "营业厅充值" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "设置" })).toHaveCount(0);
  });
});
