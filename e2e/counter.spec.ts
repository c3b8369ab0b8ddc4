// Counter recharge (线下充值): the operator finds the student, the note must carry the student
// number and name, and the amount must be a package price or a multiple of one — ¥7 is refused
// with the reason, ¥10 is booked and a printable receipt appears. Finance then sees it.
// A generated student (2025…) is used, not a demo account other specs count on; each project
// takes its own, since both share one database.
import { formatFen, yuanToFen } from "../lib/money";
import { DEMO, expect, signIn, test } from "./fixtures";

test.describe("as an operator", () => {
  test.use({ account: DEMO.operator });

  test("a counter recharge is refused for a wrong amount and accepted for a right one", async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    await page.goto("/admin/users?q=2025");
    const row = page.getByTestId("admin-user-row").nth(testInfo.project.name === "phone" ? 1 : 0);
    const studentNo = ((await row.getByRole("link").textContent()) ?? "").trim();
    const name = ((await row.locator("td").nth(1).textContent()) ?? "").trim();
    expect(studentNo).toMatch(/^2025\d+$/);

    await page.goto("/admin");
    await page.getByRole("link", { name: "营业厅充值" }).first().click();
    await expect(page).toHaveURL(/\/admin\/counter$/);
    await page.getByTestId("counter-student-no").fill(studentNo);
    await page.getByTestId("counter-lookup").click();
    await expect(page.getByTestId("counter-student-name")).toHaveText(name);
    const line = (await page.getByTestId("counter-student").textContent()) ?? "";
    const before = yuanToFen(/当前余额 ¥([\d,]+\.\d\d)/.exec(line)![1]!.replace(/,/g, ""));
    // The note is prefilled with "学号 姓名"; the rule is shown.
    await expect(page.getByTestId("counter-note")).toHaveValue(`${studentNo} ${name}`);
    await expect(page.getByText("备注必须包含学生的学号和姓名")).toBeVisible();

    // ¥7 is no package price nor a multiple of one: refused with the reason.
    await page.getByTestId("counter-amount").fill("7");
    await expect(page.getByTestId("counter-amount-warning")).toBeVisible();
    await page.getByTestId("counter-submit").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(name);
    await dialog.getByRole("button", { name: "确认充值" }).click();
    const refused = page.getByTestId("counter-refused");
    await expect(refused).toContainText("金额必须是套餐金额或套餐金额的倍数");
    await expect(refused).toContainText("原路退回");

    // ¥10 with the note: booked, with a printable receipt.
    await page.getByTestId("counter-amount").fill("10");
    await expect(page.getByTestId("counter-amount-warning")).toHaveCount(0);
    await page.getByTestId("counter-submit").click();
    await dialog.getByRole("button", { name: "确认充值" }).click();
    await expect(page.getByTestId("counter-success")).toContainText("充值成功");
    const receipt = page.getByTestId("receipt");
    await expect(receipt).toContainText(studentNo);
    await expect(receipt).toContainText(name);
    await expect(page.getByTestId("receipt-amount")).toHaveText("¥10.00");
    await expect(receipt).toContainText("壹拾元整");
    await expect(page.getByTestId("receipt-balance-after")).toHaveText(formatFen(before + 1000n, "zh-CN"));
    await expect(page.getByTestId("print-receipt")).toBeVisible();
    const orderNo = ((await page.getByTestId("receipt-no").textContent()) ?? "").trim();
    expect(orderNo).toMatch(/^R\d{14}[0-9A-Z]{6}$/);

    await page.getByRole("link", { name: "收据页面" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/counter/receipts/${orderNo}$`));
    await expect(page.getByTestId("receipt")).toContainText("赵敏");

    // Finance finds the order, sees what may be refunded, and refunds it in cash.
    // (A context of its own: browser.newContext() inside a test inherits the test's signed-in
    // storage state unless told otherwise, so pageAs() would still be the operator here.)
    const financeContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const finance = await financeContext.newPage();
    await signIn(finance, DEMO.finance, { from: "/admin/finance" });
    await finance.goto(`/admin/finance/orders?q=${orderNo}`);
    const found = finance.getByTestId("finance-order-row");
    await expect(found).toHaveCount(1);
    await expect(found).toContainText("¥10.00");
    await found.getByRole("link", { name: orderNo }).click();
    await expect(finance.getByTestId("refund-max")).toHaveText("¥10.00");
    await finance.getByTestId("refund-reason").fill("学生误充，现金退回");
    await finance.getByTestId("refund-submit").click();
    await finance.getByRole("dialog").getByRole("button", { name: "确认退款" }).click();
    await expect(finance.getByTestId("refund-panel")).toContainText("退款成功");
    await expect(finance.getByTestId("finance-refund-row")).toContainText("¥10.00");

    await finance.goto("/admin/finance");
    // Today's totals include it (other runs may have added to them): recharges and refunds are not zero.
    const counterRow = finance.getByTestId("finance-totals").locator("[data-channel=COUNTER]");
    await expect(counterRow.locator("td").nth(1)).not.toHaveText("0");
    await expect(counterRow.locator("td").nth(4)).not.toHaveText("¥0.00");
    await financeContext.close();
  });

  test("may not open the finance pages", async ({ page }) => {
    const response = await page.goto("/admin/finance");
    expect(response?.status()).toBe(403);
  });
});

test.describe("as finance", () => {
  test.use({ account: DEMO.finance });

  test("may not open the counter", async ({ page }) => {
    const response = await page.goto("/admin/counter");
    expect(response?.status()).toBe(403);
    await page.goto("/admin");
    await expect(page.getByRole("link", { name: "财务" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "营业厅充值" })).toHaveCount(0);
  });
});
