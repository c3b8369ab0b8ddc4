// 迁入迁出 on the desktop (the staff console), through the admin's real login: a small intake
// file (BOM, Chinese header, one bad 学号) gets its dry-run report, is applied, and imported again
// creates nobody; then that same cohort — the spec's own students, in an enrollment year and a
// college nobody else uses, one of them given ¥15.00 here — is previewed and settled as cash,
// and its per-student report downloads as CSV. A second preview finds nobody left to settle.
import { randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import pg from "pg";
import { DEMO, expect, test } from "./fixtures";
import { STATE_FILE } from "./paths";

test.use({ account: DEMO.admin });

/** axe (WCAG 2.2 AA) on what the page shows now: the report and the preview are not there at first load (e2e/a11y.spec.ts). */
async function expectNoAxeViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe on ${what}`,
  ).toEqual([]);
}

function databaseUrl(): string {
  return (JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string }).databaseUrl;
}

/** An opening balance for one student: a balanced journal entry, as the ledger wants it. */
async function giveBalance(studentNo: string, fen: number, key: string) {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "journal_entries" ("id", "idempotencyKey", "kind", "memo", "createdAt") VALUES (gen_random_uuid(), $1, 'OPENING', 'e2e lifecycle', now()) RETURNING "id"`,
      [`e2e-lifecycle:${key}`],
    );
    const entryId = rows[0]!.id;
    await client.query(
      `INSERT INTO "postings" ("entryId", "accountId", "amountFen") SELECT $1, a."id", $2 FROM "ledger_accounts" a JOIN "users" u ON u."id" = a."userId" WHERE u."studentNo" = $3`,
      [entryId, fen, studentNo],
    );
    await client.query(
      `INSERT INTO "postings" ("entryId", "accountId", "amountFen") SELECT $1, "id", $2 FROM "ledger_accounts" WHERE "code" = 'source:opening'`,
      [entryId, -fen],
    );
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

test("the admin imports an intake (dry run, apply, again with nobody new) and settles that cohort at graduation", async ({ page }) => {
  test.setTimeout(60_000);
  const tag = randomBytes(3).toString("hex");
  const year = String(2090 + randomInt(10));
  const college = `E2E学院-${tag}`;
  const nos = Array.from({ length: 3 }, (_, i) => `${year}${String(randomInt(1e5)).padStart(5, "0")}${i}`);
  const csv = "\uFEFF学号,姓名,学院\r\n" + nos.map((n, i) => `${n},迁入${tag}${i},${college}`).join("\r\n") + `\r\n12-34,坏学号,${college}\r\n`;
  const file = { name: `intake-${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") };

  await page.goto("/admin/lifecycle/intake");
  await expect(page.getByRole("heading", { level: 1, name: "新生导入" })).toBeVisible();
  const form = page.getByTestId("intake-form");
  await form.getByLabel("名单文件（CSV）").setInputFiles(file);
  await form.getByTestId("intake-dry-run").click();
  await expect(form.getByTestId("intake-counts")).toHaveText(/共 4 行：新建 3，已是最新 0，将更新 0，错误 1/);
  await expect(form.getByTestId("intake-row").filter({ hasText: "坏学号" })).toContainText("学号格式不对");
  await expect(form.getByTestId("intake-row").filter({ hasText: nos[0]! })).toContainText("新建");
  await expectNoAxeViolations(page, "the dry-run report");

  await form.getByTestId("intake-apply").click();
  const dialog = page.getByRole("dialog", { name: "确认导入新生名单？" });
  await expect(dialog).toContainText("将新建 3 个账号");
  await dialog.getByRole("button", { name: "导入", exact: true }).click();
  await expect(form.getByTestId("intake-done")).toHaveText("已导入：新建 3 个，更新 0 个，无变化 0 个，跳过错误行 1 行。");

  // the same file again: nobody new
  await form.getByTestId("intake-dry-run").click();
  await expect(form.getByTestId("intake-counts")).toHaveText(/新建 0，已是最新 3，将更新 0，错误 1/);
  await expect(form.getByTestId("intake-apply")).toBeDisabled();

  // graduation of that cohort: one of them has ¥15.00
  await giveBalance(nos[1]!, 1500, tag);
  await page.getByRole("link", { name: "毕业结算" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "毕业结算" })).toBeVisible();
  const grad = page.getByTestId("graduation-form");
  await grad.getByLabel("入学年份（届）").fill(year);
  await grad.getByLabel("学院").selectOption(college);
  await grad.getByTestId("graduation-preview").click();
  await expect(grad.getByTestId("graduation-accounts")).toHaveText("3");
  await expect(grad.getByTestId("graduation-withBalance")).toHaveText("1");
  await expect(grad.getByTestId("graduation-balance")).toContainText("15.00");
  await expectNoAxeViolations(page, "the graduation preview");
  await grad.getByTestId("graduation-mode-CASH").check();
  await grad.getByTestId("graduation-settle").click();
  const confirm = page.getByRole("dialog", { name: "确认毕业结算？" });
  await expect(confirm).toContainText(`将关闭 ${year} · ${college} 届的 3 个账户`);
  await confirm.getByRole("button", { name: "结算并销户", exact: true }).click();
  await expect(grad.getByTestId("graduation-done")).toContainText("已结算 3 个账户，退还 ¥15.00");

  // the per-student report
  const href = await grad.getByRole("link", { name: "下载逐人报告（CSV）" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const report = await res.text();
  for (const n of nos) expect(report).toContain(n);
  expect(report).toContain(`${nos[1]},迁入${tag}1,${college},ACTIVE,15.00,0.00,15.00`);
  await expect(page.getByTestId("graduation-run").filter({ hasText: college })).toContainText("现金");

  // again: nobody left to settle
  await grad.getByTestId("graduation-preview").click();
  await expect(grad.getByTestId("graduation-accounts")).toHaveText("0");
  await expect(grad.getByText("该届另有 3 个账户已在之前结算")).toBeVisible();
  await expect(grad.getByTestId("graduation-settle")).toBeDisabled();
});
