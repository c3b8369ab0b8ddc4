// 套餐目录与特惠 (issue 12 item 2), desktop only (the phone project ignores it): the admin signs in
// through the real login, creates a package (it starts off sale), puts it on sale and creates a
// 特惠 offer for it (a second one, overlapping it or not below the list price, is refused with the
// reason); then 周婷 (2023010006, whom no other spec's money flow uses) sees the offer on
// /packages with its price and the list price struck. The spec's package and offer are its own
// (a code unique to the run) and are withdrawn and taken off sale at the end; nobody buys them.
import { randomInt } from "node:crypto";
import { now } from "../lib/clock";
import { DEMO, expect, test } from "./fixtures";

const OFFER_STUDENT = "2023010006";

/** A Date as the datetime-local text of its Asia/Shanghai wall clock. */
const shanghaiInput = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);

test.use({ account: DEMO.admin });

test("the admin creates a package and a 特惠 offer; a student sees the offer on /packages", async ({ page, pageAs }) => {
  test.setTimeout(90_000); // two real sign-ins, eight form submits and their page refreshes
  const code = `E2E${randomInt(1e6)}`;
  await page.goto("/admin/catalogue");
  await expect(page.getByRole("heading", { name: "套餐目录与特惠" })).toBeVisible();

  // bad input: a localised message, nothing created
  const form = page.getByTestId("new-package-form");
  await page.getByTestId("new-code").fill(code);
  await page.getByTestId("new-nameZh").fill("测试特惠包");
  await page.getByTestId("new-nameEn").fill("Test offer pack");
  await page.getByTestId("new-priceYuan").fill("abc");
  await page.getByTestId("new-quotaGb").fill("12");
  await page.getByTestId("new-package-save").click();
  await expect(form.getByText("金额格式不正确。")).toBeVisible();
  await expect(page.getByTestId(`catalogue-row-${code}`)).toHaveCount(0);

  await page.getByTestId("new-priceYuan").fill("9");
  await page.getByTestId("new-package-save").click();
  await expect(form.getByText("套餐已创建（未上架）。")).toBeVisible();
  await expect(page.getByTestId(`catalogue-row-${code}`)).toContainText("测试特惠包");
  const onSale = page.getByTestId(`onsale-${code}`);
  await expect(onSale).toHaveText("上架");
  await onSale.click();
  await expect(onSale).toHaveText("下架");

  const at = now();
  await page.getByTestId("offer-family").selectOption(code);
  await page.getByTestId("offer-price").fill("2");
  await page.getByTestId("offer-starts").fill(shanghaiInput(new Date(at.getTime() - 3600_000)));
  await page.getByTestId("offer-ends").fill(shanghaiInput(new Date(at.getTime() + 86_400_000)));
  await page.getByTestId("offer-limit").fill("1");
  await page.getByTestId("offer-save").click();
  const offerForm = page.getByTestId("new-offer-form");
  await expect(offerForm.getByText("特惠已创建。")).toBeVisible();
  const offerRow = page.getByTestId(`offer-row-${code}`);
  await expect(offerRow).toContainText("进行中");

  // refused with the reason, nothing created: a price not below the list price; a window overlapping this offer's
  await page.getByTestId("offer-price").fill("9");
  await page.getByTestId("offer-save").click();
  await expect(offerForm.getByText("特惠价必须低于套餐原价（¥9.00）。")).toBeVisible();
  await page.getByTestId("offer-price").fill("3");
  await page.getByTestId("offer-save").click();
  const from = shanghaiInput(new Date(at.getTime() - 3600_000)).replace("T", " ");
  const to = shanghaiInput(new Date(at.getTime() + 86_400_000)).replace("T", " ");
  await expect(offerForm.getByText(`该套餐已有 ${from} 至 ${to}（北京时间）的特惠`)).toBeVisible();
  await expect(page.getByTestId(`offer-row-${code}`)).toHaveCount(1);

  const student = await pageAs(OFFER_STUDENT);
  await student.goto("/packages");
  const card = student.getByTestId(`package-${code}`);
  await expect(card.getByTestId(`offer-${code}`)).toContainText("特惠");
  await expect(card).toContainText("¥2.00");
  await expect(card.locator("s")).toHaveText("¥9.00");
  await student.close();

  // leave the catalogue as it was for the other specs
  await offerRow.getByRole("button", { name: "撤销特惠" }).click();
  await expect(offerRow).toContainText("已撤销");
  // ended offers are under 已结束的特惠, not in the current list; this one's window has not ended
  await page.getByTestId("offers-past").click();
  await expect(page).toHaveURL(/offers=past/);
  await expect(page.getByTestId(`offer-row-${code}`)).toHaveCount(0);
  await page.getByTestId("offers-current").click();
  await expect(page.getByTestId(`offer-row-${code}`)).toContainText("已撤销");
  await onSale.click();
  await expect(onSale).toHaveText("上架");
});
