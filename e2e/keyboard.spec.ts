// The money path with the keyboard only, as a screen-reader user drives it (issue 11 item 5): no
// clicks, only page.keyboard (and page.goto for the address bar). Each step checks where focus
// is (document.activeElement) and what is announced (role=alert / role=status / aria-live text,
// the accessible name and description of the focused control).
//
// 林可 (2023010007, ¥50.00, no package) is this spec's own student: she tops up through the
// sandbox gateway and buys a package, and no other spec touches her balance. Money moves, with
// exact balance checks, so this runs once, on the phone (@phone-only, as the other money specs).
import type { Page } from "@playwright/test";
import { formatFen, yuanToFen } from "../lib/money";
import { DEMO, expect, test } from "./fixtures";

test.use({ account: DEMO.keyboard });

/** What the focused element is: its test id (or the nearest one around it), tag, accessible bits. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const around = el?.closest("[data-testid]") as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      testId: el?.getAttribute("data-testid") ?? around?.getAttribute("data-testid") ?? "",
      text: (el?.textContent ?? "").trim(),
      inDialog: Boolean(el?.closest("dialog[open]")),
      focusVisible: el ? el.matches(":focus-visible") : false,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max`
 * presses. Every stop on the way must show a focus indicator (outline or ring).
 */
async function tabTo(page: Page, selector: string, opts: { shift?: boolean; max?: number } = {}) {
  const max = opts.max ?? 60;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(opts.shift ? "Shift+Tab" : "Tab");
    const { matches, visible } = await page.evaluate((sel) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { matches: false, visible: true };
      const target = el.matches("input[type=radio].sr-only, input[type=checkbox].sr-only") ? (el.closest("label") ?? el) : el;
      const s = getComputedStyle(target);
      const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
      const ring = s.boxShadow !== "none";
      return { matches: el.matches(sel), visible: outline || ring || el.matches("input[type=radio], input[type=checkbox]") };
    }, selector);
    expect(visible, `a visible focus indicator on Tab stop ${i + 1} towards ${selector}`).toBe(true);
    if (matches) return;
  }
  throw new Error(`${max} presses of ${opts.shift ? "Shift+Tab" : "Tab"} did not reach ${selector} (now on ${JSON.stringify(await focused(page))})`);
}

async function balanceFen(page: Page): Promise<bigint> {
  const text = (await page.getByTestId("balance").first().textContent()) ?? "";
  return yuanToFen(text.replace(/[¥,\s]/g, ""));
}

test("top up with the keyboard: presets, a typed amount with its announced error, the confirm dialog, the sandbox, the result @phone-only", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/recharge");
  const before = await balanceFen(page);

  // The amount presets are one radio group: Tab enters it, the arrow keys choose.
  await tabTo(page, "[data-testid=recharge-preset-10] input");
  await page.keyboard.press("ArrowRight");
  expect(await focused(page)).toMatchObject({ testId: "recharge-preset-20" });
  await expect(page.getByTestId("recharge-preset-20").locator("input")).toBeChecked();
  await expect(page.getByTestId("recharge-submit")).toHaveText("立即充值 ¥20.00");

  // A typed amount: too small is announced (role=alert), tied to the field and marks it invalid.
  await tabTo(page, "[data-testid=recharge-amount-input]");
  await page.keyboard.type("4.99");
  const amount = page.getByTestId("recharge-amount-input");
  await expect(page.locator("main").getByRole("alert")).toHaveText("单笔金额不能低于 ¥5.00");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toHaveAccessibleDescription(/单笔金额不能低于 ¥5.00/);
  await expect(amount).toHaveAccessibleName("其他金额（元）");
  // Enter submits the form: the bad amount keeps focus on the field, no dialog opens.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toBeHidden();
  expect(await focused(page)).toMatchObject({ testId: "recharge-amount-input" });

  await page.keyboard.press("Control+A");
  await page.keyboard.type("30");
  await expect(amount).not.toHaveAttribute("aria-invalid");
  await expect(page.locator("main").getByRole("alert")).toHaveCount(0);
  await expect(page.getByTestId("recharge-submit")).toHaveText("立即充值 ¥30.00");

  // To the pay button and open the confirmation: focus starts on Cancel (Enter never pays by accident).
  await tabTo(page, "[data-testid=recharge-submit]");
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleName("确认充值信息");
  await expect(dialog.getByTestId("recharge-confirm-amount")).toHaveText("¥30.00");
  expect(await focused(page)).toMatchObject({ tag: "button", text: "取消", inDialog: true });

  // Tab and Shift+Tab stay inside the dialog.
  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatchObject({ text: "去支付 ¥30.00", inDialog: true });
  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatchObject({ text: "取消", inDialog: true });
  await page.keyboard.press("Shift+Tab");
  expect(await focused(page)).toMatchObject({ text: "去支付 ¥30.00", inDialog: true });
  await page.keyboard.press("Shift+Tab");
  expect(await focused(page)).toMatchObject({ text: "取消", inDialog: true });

  // Escape closes it, focus returns to the button that opened it, and nothing was ordered.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await focused(page)).toMatchObject({ testId: "recharge-submit", inDialog: false });
  await page.goto("/recharge/records");
  await expect(page.getByTestId("recharge-row").filter({ hasText: "¥30.00" })).toHaveCount(0);

  // Again, and this time confirm with Enter on the pay button.
  await page.goto("/recharge");
  await tabTo(page, "[data-testid=recharge-amount-input]");
  await page.keyboard.type("30");
  await tabTo(page, "[data-testid=recharge-submit]");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatchObject({ text: "去支付 ¥30.00" });
  await page.keyboard.press("Enter");

  // The sandbox checkout: Tab to 确认支付, Enter.
  await page.waitForURL(/\/sandbox-pay\/R\w+/);
  await expect(page.getByTestId("sandbox-amount")).toHaveText("¥30.00");
  await tabTo(page, "button[type=submit]:not([value])");
  expect(await focused(page)).toMatchObject({ tag: "button", text: "确认支付" });
  await page.keyboard.press("Enter");

  // The result is a live region: processing first, then credited, read out as it changes.
  await page.waitForURL(/\/recharge\/orders\/R\w+\?returned=1/);
  const state = page.getByTestId("order-state");
  await expect(state).toHaveAttribute("aria-live", "polite");
  await expect(state).toHaveAttribute("data-state", "CREDITED", { timeout: 30_000 });
  await expect(state).toContainText("充值成功");
  await expect(page.getByTestId("order-balance")).toHaveText(formatFen(before + 3000n, "zh-CN"));

  await page.goto("/");
  expect(await balanceFen(page)).toBe(before + 3000n);
});

test("buy a package with the keyboard: the dialog traps focus, Escape returns it, Enter confirms, the result is announced; appeals wait for the network @phone-only", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await page.goto("/");
  const before = await balanceFen(page);
  await page.goto("/packages");

  const buy = "[data-testid=package-P5] button";
  await tabTo(page, buy);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleName("确认换购");
  await expect(dialog).toContainText("5元8G流量包");
  await expect(dialog.getByTestId("dialog-balance-after")).toHaveText(formatFen(before - 500n, "zh-CN"));
  expect(await focused(page)).toMatchObject({ text: "取消", inDialog: true });

  // Around and around: focus never leaves the dialog.
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    expect((await focused(page)).inDialog, `Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Shift+Tab");
    expect((await focused(page)).inDialog, `Shift+Tab ${i + 1} stays in the dialog`).toBe(true);
  }

  // Escape: closed, focus back on the card's button, the balance untouched.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), buy)).toBe(true);
  await expect(page.getByTestId("balance").first()).toHaveText(formatFen(before, "zh-CN"));

  // Enter opens it again; Tab to 确认换购, Enter buys.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await tabTo(page, "dialog[open] button:not([data-testid])", { max: 1 });
  expect(await focused(page)).toMatchObject({ text: "确认换购" });
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  // Announced politely (role=status) and focused, so a screen reader reads it at once.
  const success = page.getByTestId("exchange-success");
  await expect(success.getByRole("status")).toContainText("换购成功");
  await expect(success.getByRole("status")).toContainText("5元8G流量包");
  expect(await focused(page)).toMatchObject({ testId: "exchange-success" });

  await page.goto("/");
  expect(await balanceFen(page)).toBe(before - 500n);

  // The exchange may be appealed; offline the button is disabled and says why.
  await page.goto("/exchanges");
  const open = page.getByTestId("appeal-open").first();
  await expect(open).toBeEnabled();
  await context.setOffline(true);
  await expect(open).toBeDisabled();
  await expect(page.getByTestId("appeal-offline").first()).toHaveText("联网后才能提交申诉");
  await expect(open).toHaveAccessibleDescription("联网后才能提交申诉");
  await context.setOffline(false);
  await expect(open).toBeEnabled();
  await expect(page.getByTestId("appeal-offline")).toHaveCount(0);

  // The appeal dialog by keyboard: an empty reason is announced and tied to the field; Escape returns focus.
  await tabTo(page, "[data-testid=appeal-open]");
  await page.keyboard.press("Enter");
  const appeal = page.getByRole("dialog");
  await expect(appeal).toBeVisible();
  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatchObject({ text: "提交申诉" });
  await page.keyboard.press("Enter");
  const reason = appeal.getByRole("textbox");
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(appeal.getByRole("alert")).toHaveText("请填写申诉理由。");
  await expect(reason).toHaveAccessibleDescription(/请填写申诉理由。/);
  await page.keyboard.press("Escape");
  await expect(appeal).toBeHidden();
  expect(await focused(page)).toMatchObject({ testId: "appeal-open" });
  await page.goto("/");
  expect(await balanceFen(page)).toBe(before - 500n);
});
