// 误操作申诉 on the phone: a student who exchanged a package an hour ago (the demo's 周婷) files an
// appeal from the exchange log and sees it pending; the network office approves it through the
// real service (its admin screen is issue 12) and the student sees 已退款 and the price back in
// the balance. 刘洋's log shows a pending and a refused appeal with the office's reason.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { APPEAL_DEMO } from "../dev/demo-appeals";
import { DEMO, expect, signIn, test } from "./fixtures";
import { ROOT_DIR, STATE_FILE } from "./paths";

/** Staff decide the student's latest pending appeal: modules/appeals decideAppeal in a process of its own (e2e/decide-appeal.ts). */
async function decideLatestAppeal(studentNo: string, verdict: "approve" | "refuse", reason: string): Promise<{ state: string; refundedFen: string }> {
  const { databaseUrl } = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string };
  // The stack's clock settings (CAMPUSNET_NOW…) come along; a NODE_ENV from the runner would make it production.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_ENV")) as NodeJS.ProcessEnv;
  const args = ["--conditions=react-server", "--import", "tsx", "e2e/decide-appeal.ts", studentNo, DEMO.finance, verdict, reason];
  const out: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT_DIR, env: { ...env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => out.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => out.push(d.toString()));
    child.on("exit", (c) => resolve(c ?? 1));
  });
  expect(code, out.join("")).toBe(0);
  return JSON.parse(out.join("").trim().split("\n").at(-1)!) as { state: string; refundedFen: string };
}

test("a student appeals a mistaken exchange, sees it pending, then refunded with the balance back @phone-only", async ({ page }) => {
  test.setTimeout(90_000); // a real sign-in, two page loads after actions, and the staff decision in a process of its own
  await signIn(page, APPEAL_DEMO.eligible, { from: "/" });
  await expect(page.getByTestId("balance")).toHaveText("¥40.00");

  await page.goto("/exchanges");
  const row = page.getByTestId("exchange-row").first();
  await expect(row).toContainText("10元20G流量包");
  await expect(row).toContainText("生效中");
  await row.getByRole("button", { name: "申诉" }).click();

  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("误操作申诉");
  await expect(dialog).toContainText("批准后 ¥10.00 退回网费余额");
  // A reason is required: nothing is sent without one.
  await dialog.getByRole("button", { name: "提交申诉" }).click();
  await expect(dialog.getByText("请填写申诉理由。")).toBeVisible();
  await dialog.getByLabel("申诉理由").fill("  本想换购 5 元套餐，误点了 10 元的  ");
  await dialog.getByRole("button", { name: "提交申诉" }).click();
  await expect(dialog).toBeHidden();

  const status = row.getByTestId("appeal-status");
  await expect(status).toHaveAttribute("data-state", "PENDING");
  await expect(status).toContainText("待处理");
  await expect(status).toContainText("本想换购 5 元套餐，误点了 10 元的");
  await expect(row.getByRole("button", { name: "申诉" })).toHaveCount(0);

  // The network office approves it.
  expect(await decideLatestAppeal(APPEAL_DEMO.eligible, "approve", "核实为误操作，予以退款")).toMatchObject({ state: "APPROVED", refundedFen: "1000" });
  await page.reload();
  await expect(status).toHaveAttribute("data-state", "APPROVED");
  await expect(status).toContainText("已退款");
  await expect(status).toContainText("核实为误操作，予以退款");
  await expect(row.locator('[data-state="REFUNDED"]')).toContainText("已退款");

  await page.goto("/");
  await expect(page.getByTestId("balance")).toHaveText("¥50.00");
});

test.describe("a student with appeals decided and pending", () => {
  test.use({ account: APPEAL_DEMO.pending });

  test("sees the pending appeal and the refused one with the office's reason, and no appeal button", async ({ page }) => {
    await page.goto("/exchanges");
    const rows = page.getByTestId("exchange-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).getByTestId("appeal-status")).toHaveAttribute("data-state", "PENDING");
    await expect(rows.nth(0).getByTestId("appeal-status")).toContainText("待处理");
    const refused = rows.nth(1).getByTestId("appeal-status");
    await expect(refused).toHaveAttribute("data-state", "REFUSED");
    await expect(refused).toContainText("已驳回");
    await expect(refused.getByTestId("appeal-decision")).toContainText("经核实为本人正常换购，不属于误操作。");
    await expect(page.getByRole("button", { name: "申诉" })).toHaveCount(0);
  });
});
