// Online recharge (线上充值) through the embedded sandbox gateway: pick ¥20, check the account
// (请务必核对充值账号), pay at the sandbox checkout, come back to "processing" and see the order
// credited with the balance up by exactly ¥20. Only the phone project pays (both projects share
// one database and the balance check is exact); the desktop project checks the rest of the form.
import { fenToYuanString, formatFen, yuanToFen } from "../lib/money";
import type { Page } from "@playwright/test";
import { DEMO, expect, test } from "./fixtures";

test.use({ account: DEMO.student });

async function balanceFen(page: Page): Promise<bigint> {
  const text = (await page.getByTestId("balance").first().textContent()) ?? "";
  return yuanToFen(text.replace(/[¥,\s]/g, ""));
}

test("a student recharges ¥20 through the sandbox and sees processing, then the credited balance @phone-only", async ({ page }) => {
  test.setTimeout(90_000);

  await page.goto("/");
  const before = await balanceFen(page);
  await page.getByTestId("home-recharge").click();
  await expect(page).toHaveURL(/\/recharge$/);
  await expect(page.getByTestId("balance")).toHaveText(formatFen(before, "zh-CN"));

  await page.getByTestId("recharge-preset-20").click();
  await page.getByTestId("recharge-submit").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("请务必核对充值账号");
  await expect(dialog.getByTestId("recharge-confirm-account")).toContainText("张三");
  await expect(dialog.getByTestId("recharge-confirm-account")).toContainText(DEMO.student);
  await expect(dialog.getByTestId("recharge-confirm-amount")).toHaveText("¥20.00");
  await dialog.getByRole("button", { name: "去支付 ¥20.00" }).click();

  // The sandbox checkout (an outside company's cashier page in real life).
  await page.waitForURL(/\/sandbox-pay\/R\w+/);
  await expect(page.getByTestId("sandbox-amount")).toHaveText("¥20.00");
  await page.getByRole("button", { name: "确认支付" }).click();

  // Back on the order page before the gateway's notification: processing, never "success".
  await page.waitForURL(/\/recharge\/orders\/R\w+\?returned=1/);
  const state = page.getByTestId("order-state");
  await expect(state).toHaveAttribute("data-phase", "processing");
  await expect(state).toContainText("处理中");
  await expect(state).toContainText("到账可能会有所延迟");
  await expect(state).not.toContainText("充值成功");

  // The page polls by itself until the ledger entry exists.
  await expect(state).toHaveAttribute("data-state", "CREDITED", { timeout: 30_000 });
  await expect(state).toContainText("充值成功");
  await expect(page.getByTestId("order-amount")).toHaveText("+¥20.00");
  const after = before + 2000n;
  await expect(page.getByTestId("order-balance")).toHaveText(formatFen(after, "zh-CN"));
  await expect(page.getByTestId("order-timeline").locator("[data-status=done]")).toHaveCount(3);
  const orderNo = ((await page.getByTestId("order-no").textContent()) ?? "").trim();

  // The receipt (printable) and the records list.
  await page.getByTestId("order-receipt-link").click();
  await expect(page.getByTestId("receipt")).toContainText(orderNo);
  await expect(page.getByTestId("receipt-amount")).toHaveText("¥20.00");
  await expect(page.getByTestId("receipt")).toContainText("贰拾元整");
  await expect(page.getByTestId("print-receipt")).toBeVisible();

  await page.goto("/recharge/records");
  const row = page.getByTestId("recharge-row").first();
  await expect(row).toHaveAttribute("data-state", "CREDITED");
  await expect(row).toContainText("¥20.00");
  await expect(row).toContainText("已到账");

  await page.goto("/");
  await expect(page.getByTestId("balance")).toHaveText(formatFen(after, "zh-CN"));
  expect(fenToYuanString(after - before)).toBe("20.00");
});

test("the form checks amounts and the account, explains the campus card, and an unpaid order can be cancelled", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/recharge");

  // 为什么不能用校园卡充值？
  const note = page.getByTestId("campus-card-note");
  await note.locator("summary").click();
  await expect(note).toContainText("专款专用");

  // Typed amounts are checked as they are typed.
  const amount = page.getByTestId("recharge-amount-input");
  await amount.fill("4.99");
  await expect(page.getByText("单笔金额不能低于 ¥5.00")).toBeVisible();
  await amount.fill("5.001");
  await expect(page.getByText("金额最多保留两位小数")).toBeVisible();
  await amount.fill("501");
  await expect(page.getByText("单笔金额不能超过 ¥500.00")).toBeVisible();
  await amount.fill("5");
  await expect(page.getByTestId("recharge-submit")).toHaveText("立即充值 ¥5.00");

  // Another account: looked up and shown masked (请务必核对充值账号).
  await page.getByTestId("recharge-other-toggle").check();
  await page.getByTestId("recharge-other-input").fill("nobody-999");
  await page.getByRole("button", { name: "核对" }).click();
  await expect(page.getByText("未找到该学号/工号对应的账户")).toBeVisible();
  await page.getByTestId("recharge-other-input").fill(DEMO.throttled);
  await page.getByRole("button", { name: "核对" }).click();
  await expect(page.getByTestId("recharge-target")).toContainText("李*");
  await expect(page.getByTestId("recharge-target")).toContainText(DEMO.throttled);
  await expect(page.getByTestId("recharge-target")).not.toContainText("李四");

  await page.getByTestId("recharge-submit").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("recharge-confirm-account")).toContainText("李*");
  await expect(dialog.getByTestId("recharge-confirm-account")).toContainText(DEMO.throttled);
  await expect(dialog).toContainText("您正在为他人充值");
  await expect(dialog.getByTestId("recharge-confirm-amount")).toHaveText("¥5.00");
  await dialog.getByRole("button", { name: "去支付 ¥5.00" }).click();

  // At the checkout: leave without paying and cancel the order on its page (nothing is charged).
  await page.waitForURL(/\/sandbox-pay\/R\w+/);
  const orderNo = new URL(page.url()).pathname.split("/").pop()!;
  await page.goto(`/recharge/orders/${orderNo}`);
  const state = page.getByTestId("order-state");
  await expect(state).toHaveAttribute("data-state", "AWAITING_PAYMENT");
  await expect(page.getByTestId("order-resume")).toBeVisible();
  await page.getByTestId("order-cancel").click();
  const cancel = page.getByRole("dialog");
  await cancel.getByRole("button", { name: "取消订单" }).click();
  await expect(state).toHaveAttribute("data-state", "CLOSED");
  await expect(state).toContainText("订单已关闭");
  await expect(page.getByTestId("order-timeline").locator("[data-step=CLOSED]")).toBeVisible();
});
