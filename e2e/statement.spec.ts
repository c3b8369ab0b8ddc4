// Pace forecast on the home page and the monthly statement (月账单), on the phone, through the
// real login. 何静 (2023010030) is the demo campus's heavy user whose data runs out before the
// month ends; the statement's first month is the seed's, where every student's opening balance
// came in (a migrated part and a recharge), so its lines are known whatever the date.
import { now } from "../lib/clock";
import { formatMonth } from "../lib/format";
import { monthKey, shanghaiParts, shiftMonthKey } from "../lib/time";
import { DEMO, expect, signIn, test } from "./fixtures";

const HEAVY_USER = "2023010030";

/** "¥1,234.56" / "−¥5.00" / "+¥2.00" → fen */
function fen(text: string): bigint {
  const negative = /^[−-]/.test(text.trim());
  const digits = text.replace(/[^\d.]/g, "");
  const [yuan, cents = "0"] = digits.split(".");
  const value = BigInt(yuan!) * 100n + BigInt(cents.padEnd(2, "0").slice(0, 2));
  return negative ? -value : value;
}

// A phone-first page: the phone project runs it (@phone-only, playwright.config.ts).

test("home shows when high-speed data runs out at this pace, and the package that lasts the month", { tag: "@phone-only" }, async ({ page }) => {
  await signIn(page, HEAVY_USER, { from: "/" });
  const card = page.getByTestId("home-forecast");
  await expect(card).toBeVisible();
  // The seed promises a run-out before the month ends (modules/forecast/demo-personas.int.test.ts);
  // in the month's last days a fresh package may carry her to the end.
  const late = shanghaiParts(now()).day > 20;
  if (!late || (await card.getAttribute("data-kind")) === "RUNS_OUT") {
    await expect(card).toHaveAttribute("data-kind", "RUNS_OUT");
    await expect(page.getByTestId("forecast-headline")).toHaveText(/^按当前速度，高速流量预计 \d{1,2}月\d{1,2}日 用完$/);
    await expect(page.getByTestId("forecast-advice")).toContainText(/换购「.+」（¥\d+\.\d{2}）可高速用到月底/);
    await expect(card.getByRole("link", { name: "去换购" })).toHaveAttribute("href", "/packages");
  } else {
    await expect(page.getByTestId("forecast-headline")).toHaveText("按当前速度，高速流量够用到月底");
  }
});

test("a student with a live package lasts the month; the statement shows the month's lines and balances", { tag: "@phone-only" }, async ({ page }) => {
  await signIn(page, DEMO.student, { from: "/" });
  await expect(page.getByTestId("forecast-headline")).toHaveText("按当前速度，高速流量够用到月底");

  // Last month by default, from the home card's link.
  await page.getByTestId("statement-link").click();
  await expect(page).toHaveURL(/\/statement$/);
  const lastMonth = shiftMonthKey(monthKey(now()), -1);
  await expect(page.getByRole("heading", { name: `${formatMonth(lastMonth, "zh-CN")}账单` })).toBeVisible();
  await expect(page.getByTestId("statement-months").getByRole("link", { name: formatMonth(lastMonth, "zh-CN") })).toHaveAttribute("aria-current", "page");
  // opening + money in + money out = closing, as printed
  const amount = async (key: string) => fen((await page.getByTestId(`statement-${key}`).locator("dd").innerText()).trim());
  expect((await amount("opening")) + (await amount("in")) + (await amount("out"))).toBe(await amount("closing"));
  await expect(page.getByRole("button", { name: "打印 / 保存为 PDF" })).toBeVisible();
  // Printed (or saved as PDF): only the sheet, on one A4 page.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("statement-sheet")).toBeVisible();
  await expect(page.getByTestId("statement-months")).toBeHidden();
  await expect(page.getByRole("button", { name: "打印 / 保存为 PDF" })).toBeHidden();
  // the shell's bar and tabs, and the page header, are not printed
  for (const part of await page.locator("header, nav").all()) await expect(part).toBeHidden();
  const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
  await page.emulateMedia({ media: "screen" });

  // The seed's first month: the opening balance came in as ¥6.50 migrated and a ¥120.00 recharge.
  const first = shiftMonthKey(monthKey(now()), -5);
  await page
    .getByTestId("statement-months")
    .getByRole("link", { name: formatMonth(first, "zh-CN") })
    .click();
  await expect(page).toHaveURL(new RegExp(`/statement/${first}$`));
  await expect(page.getByTestId("statement-opening").locator("dd")).toHaveText("¥0.00");
  const lines = page.getByTestId("statement-lines");
  await expect(lines.locator('[data-kind="OPENING"]')).toContainText("+¥6.50");
  await expect(lines.locator('[data-kind="RECHARGE"]')).toContainText("+¥120.00");
  await expect(page.getByTestId("statement-entries").locator('tr[data-kind="RECHARGE"]').first()).toContainText(/订单 R\d+/);
  await expect(page.getByTestId("statement-data")).toContainText("免费额度");

  // A future month is refused in plain words, not a 500.
  const future = shiftMonthKey(monthKey(now()), 1);
  const response = await page.goto(`/statement/${future}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("statement-refused")).toContainText("还没有到，暂无账单");
});
