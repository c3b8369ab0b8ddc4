// 网络中心通知 on the desktop (the staff console): the admin writes a notice to one 学号 through the
// real login, previews who it reaches, confirms and sends it; bad input is refused with its
// reason and sends nothing. Then, signed in as that student (陈晓: no spec counts her
// notifications; this one looks only for its own unique title), the notice is in /notifications,
// in Chinese and, with the app in English, in the English the office wrote.
import { randomBytes } from "node:crypto";
import { DEMO, expect, test } from "./fixtures";

test.use({ account: DEMO.admin });

test("the admin sends a notice to one student, who finds it in the notification centre in their language", async ({ page, pageAs, baseURL }) => {
  test.setTimeout(180_000);
  const tag = randomBytes(4).toString("hex");
  const titleZh = `停网维护 ${tag}`;
  const titleEn = `Maintenance ${tag}`;

  await page.goto("/admin/notices");
  await expect(page.getByRole("heading", { level: 1, name: "网络中心通知" })).toBeVisible();
  const form = page.getByTestId("notice-form");
  await form.getByRole("radio", { name: "某一位学生" }).check();

  // bad input: no title, an unknown 学号 — the reasons are shown and nothing is sent
  await form.getByLabel("学号").fill("2023-x");
  await form.getByTestId("notice-send").click();
  await expect(form.getByText("请填写正确的学号")).toBeVisible();
  await expect(form.getByText("请填写中文标题")).toBeVisible();
  await form.getByLabel("学号").fill("2099999999");
  await form.getByLabel("标题（中文，必填）").fill(titleZh);
  await form.getByLabel("正文（中文，必填）").fill(`12 月 5 日 2:00–4:00 宿舍区停网维护（${tag}）。`);
  await form.getByLabel("Title（英文，选填）").fill(titleEn);
  await form.getByTestId("notice-send").click();
  await expect(form.getByText("英文标题和英文正文需同时填写")).toBeVisible();
  await form.getByLabel("Text（英文，选填）").fill(`No network on 5 Dec, 2:00–4:00 (${tag}).`);
  await form.getByTestId("notice-send").click();
  await expect(form.getByTestId("notice-error")).toContainText("没有学号为 2099999999 的学生");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // the right 学号: preview, then send through the confirmation
  await form.getByLabel("学号").fill(DEMO.noPackage);
  await form.getByTestId("notice-preview").click();
  await expect(form.getByTestId("notice-reach")).toHaveText("将发送给 1 名学生");
  await form.getByTestId("notice-send").click();
  const dialog = page.getByRole("dialog", { name: "确认发送通知" });
  await expect(dialog).toContainText(`学号 ${DEMO.noPackage}`);
  await expect(dialog).toContainText(titleZh);
  await expect(dialog).toContainText("共 1 名学生会收到");
  await dialog.getByRole("button", { name: "发送", exact: true }).click();
  await expect(form.getByTestId("notice-done")).toHaveText("通知已发送给 1 名学生。");
  await expect(dialog).toBeHidden();
  // the history, newest first
  await expect(page.getByTestId("notice-row").first()).toContainText(titleZh);
  await expect(page.getByTestId("notice-row").first()).toContainText(`学号 ${DEMO.noPackage}`);
  await expect(page.getByTestId("notice-row").filter({ hasText: tag })).toHaveCount(1);

  // the student, in Chinese
  const student = await pageAs(DEMO.noPackage);
  await student.goto("/notifications");
  await expect(student.getByText(`网络中心通知：${titleZh}`)).toBeVisible();
  await expect(student.getByText(`12 月 5 日 2:00–4:00 宿舍区停网维护（${tag}）。`)).toBeVisible();

  // and in English
  await student.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  await student.goto("/notifications");
  await expect(student.getByText(`Network office: ${titleEn}`)).toBeVisible();
  await expect(student.getByText(`No network on 5 Dec, 2:00–4:00 (${tag}).`)).toBeVisible();
});
