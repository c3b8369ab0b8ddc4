// The audit log viewer and the queues on the desktop (issue 12 items 4 and 5): the admin, through
// the real login, opens a student's page (a staff read of personal data), finds that read in
// /admin/audit by the student's 学号 and the action, is refused a day that does not exist with its
// reason, downloads the filtered view as CSV (BOM, header, the read) and finds the export itself in
// the log. On /admin a queue tile counts an unknown RADIUS user name this spec records (removed
// afterwards), and its queue lists it. An operator refuses, from the appeals queue, an appeal this
// spec files on a seeded student's package (one no other spec picks), with a reason; and approves,
// from the same queue, an appeal on the package of a student of this spec's own (the lowest-numbered
// seeded student with an active package: every other spec that picks seeded students takes them
// from the highest numbers down), whose balance and exchange log then show the refund.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { formatFen } from "../lib/money";
import { DEMO, expect, test } from "./fixtures";
import { STATE_FILE } from "./paths";

test.use({ account: DEMO.admin });

function databaseUrl(): string {
  return (JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string }).databaseUrl;
}

test("the admin filters the audit log, exports it as CSV and sees a queue count", async ({ page }) => {
  test.setTimeout(60_000);
  const db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
  const username = `e2e-unknown-${randomUUID().slice(0, 8)}`;
  try {
    // a staff read of personal data
    await page.goto(`/admin/users/${DEMO.student}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(DEMO.student);

    // filter the log by the student and the action
    await page.goto("/admin/audit");
    await expect(page.getByRole("heading", { level: 1, name: "审计日志" })).toBeVisible();
    const filters = page.getByTestId("audit-filters");
    await filters.getByLabel("学生学号").fill(DEMO.student);
    await filters.getByLabel("员工工号").fill(DEMO.admin);
    await filters.getByLabel("操作").selectOption("staff.read.user");
    await filters.getByTestId("audit-apply").click();
    await expect(page).toHaveURL(/subject=2023010001/);
    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toHaveAttribute("data-action", "staff.read.user");
    await expect(rows.first()).toContainText(DEMO.student);
    await expect(rows.first()).toContainText(DEMO.admin);
    await expect(page.locator('[data-testid="audit-row"]:not([data-action="staff.read.user"])')).toHaveCount(0);

    // a day that does not exist: the reason, no rows, no 500
    await page.goto("/admin/audit?from=2026-02-30");
    await expect(page.getByTestId("audit-invalid")).toHaveText("日期应为有效的 YYYY-MM-DD。");

    // the filtered view as CSV
    await page.goto(`/admin/audit?subject=${DEMO.student}&action=staff.read.user`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFFid,time_shanghai,action,actor_no,actor_name,subject_no,subject_name,data\r\n")).toBe(true);
    const lines = csv.slice(1).split("\r\n").slice(1, -1);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(new RegExp(`,staff\\.read\\.user,.*,${DEMO.student},`));

    // the export is in the log, with its filter
    await page.goto(`/admin/audit?actor=${DEMO.admin}&action=export.csv`);
    await expect(rows.first()).toContainText('"export":"audit"');
    await expect(rows.first()).toContainText(`"subjectNo":"${DEMO.student}"`);

    // a queue count on the overview, and the queue behind it
    await db.query(
      `INSERT INTO "radius_sessions" ("id", "acctUniqueId", "acctSessionId", "username", "nasIp", "state", "startedAt", "lastUpdateAt", "unknownUser")
       VALUES (gen_random_uuid(), $1, 'e2e', $2, '10.255.0.1', 'ACTIVE', now(), now(), true)`,
      [randomUUID(), username],
    );
    await page.goto("/admin");
    const tile = page.getByTestId("queue-unknownRadius-count");
    await expect(tile).toHaveText(/^[1-9][\d,]*$/);
    await page.getByTestId("queue-unknownRadius").click();
    await expect(page.getByRole("heading", { level: 1, name: "未知 RADIUS 用户" })).toBeVisible();
    await expect(page.getByTestId("unknown-radius-row").filter({ hasText: username })).toHaveCount(1);
  } finally {
    await db.query(`DELETE FROM "radius_sessions" WHERE "username" = $1`, [username]).catch(() => {});
    await db.end();
  }
});

test("an operator refuses an appeal from the appeals queue, with a reason", async ({ pageAs }) => {
  test.setTimeout(60_000);
  const db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
  const tag = randomUUID().slice(0, 8);
  try {
    // a seeded student's package without an appeal, below the three at the tail the helpdesk spec uses
    const { rows } = await db.query<{ holdingId: string; userId: string; name: string }>(
      `SELECT h."id" AS "holdingId", u."id" AS "userId", u."name" FROM "package_holdings" h JOIN "users" u ON u."id" = h."userId"
       WHERE u."role" = 'STUDENT' AND u."status" = 'ACTIVE' AND u."oidcSub" IS NULL
         AND u."studentNo" < (SELECT "studentNo" FROM "users" WHERE "role" = 'STUDENT' AND "oidcSub" IS NULL ORDER BY "studentNo" DESC LIMIT 1 OFFSET 3)
         AND NOT EXISTS (SELECT 1 FROM "exchange_appeals" a WHERE a."holdingId" = h."id")
       ORDER BY u."studentNo" DESC LIMIT 1`,
    );
    const h = rows[0]!;
    const {
      rows: [appeal],
    } = await db.query<{ id: string }>(
      `INSERT INTO "exchange_appeals" ("id", "holdingId", "userId", "reason", "state", "usedBytesAtFiling", "createdAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'PENDING', 0, now()) RETURNING "id"`,
      [h.holdingId, h.userId, `点错了套餐 ${tag}`],
    );

    const page = await pageAs(DEMO.operator);
    await page.goto("/admin");
    await expect(page.getByTestId("queue-appeals-count")).toHaveText(/^[1-9][\d,]*$/);
    await expect(page.getByTestId("queue-unknownRadius")).toHaveCount(0);
    await page.getByTestId("queue-appeals").click();
    await expect(page.getByRole("heading", { level: 1, name: "待裁决申诉" })).toBeVisible();
    const row = page.getByTestId("appeal-row").filter({ hasText: tag });
    await expect(row).toContainText(h.name);
    await row.getByTestId("appeal-refuse").click();
    const dialog = page.getByRole("dialog", { name: "驳回申诉" });
    // no reason: refused with the reason why, nothing decided
    await dialog.getByRole("button", { name: "驳回", exact: true }).click();
    await expect(dialog.getByText("请填写理由。")).toBeVisible();
    await dialog.getByLabel("理由（学生会看到）").fill(`套餐已在使用 ${tag}`);
    await dialog.getByRole("button", { name: "驳回", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("appeal-row").filter({ hasText: tag })).toHaveCount(0);

    const decided = await db.query(`SELECT "state", "decisionReason" FROM "exchange_appeals" WHERE "id" = $1`, [appeal!.id]);
    expect(decided.rows[0]).toEqual({ state: "REFUSED", decisionReason: `套餐已在使用 ${tag}` });
    const audit = await db.query(`SELECT count(*)::int AS n FROM "audit_log" WHERE "action" = 'appeal.refuse' AND "data"->>'appealId' = $1`, [appeal!.id]);
    expect(audit.rows[0]).toEqual({ n: 1 });
  } finally {
    await db.end();
  }
});

test("an operator approves an appeal from the appeals queue: the price goes back to the student's balance, the package is void", async ({ pageAs }) => {
  test.setTimeout(60_000);
  const db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
  const tag = randomUUID().slice(0, 8);
  try {
    // this spec's own student: the lowest-numbered seeded one with an active package and no appeal
    const { rows } = await db.query<{ holdingId: string; userId: string; studentNo: string; name: string; priceFen: string; balanceFen: string }>(
      `SELECT h."id" AS "holdingId", u."id" AS "userId", u."studentNo", u."name", h."priceFen"::text AS "priceFen", a."balanceFen"::text AS "balanceFen"
       FROM "users" u
       JOIN "package_holdings" h ON h."userId" = u."id" AND h."state" = 'ACTIVE' AND h."priceFen" > 0
       JOIN "ledger_accounts" a ON a."userId" = u."id"
       WHERE u."role" = 'STUDENT' AND u."status" = 'ACTIVE' AND u."oidcSub" IS NULL
         AND NOT EXISTS (SELECT 1 FROM "exchange_appeals" x WHERE x."userId" = u."id")
       ORDER BY u."studentNo" ASC, h."createdAt" DESC LIMIT 1`,
    );
    const s = rows[0]!;
    expect(s, "a seeded student with an active package").toBeDefined();
    const before = BigInt(s.balanceFen);
    const price = BigInt(s.priceFen);
    const {
      rows: [appeal],
    } = await db.query<{ id: string }>(
      `INSERT INTO "exchange_appeals" ("id", "holdingId", "userId", "reason", "state", "usedBytesAtFiling", "createdAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'PENDING', 0, now()) RETURNING "id"`,
      [s.holdingId, s.userId, `误点了套餐 ${tag}`],
    );

    const page = await pageAs(DEMO.operator);
    await page.goto("/admin");
    await expect(page.getByTestId("queue-appeals-count")).toHaveText(/^[1-9][\d,]*$/);
    await page.getByTestId("queue-appeals").click();
    await expect(page.getByRole("heading", { level: 1, name: "待裁决申诉" })).toBeVisible();
    const row = page.getByTestId("appeal-row").filter({ hasText: tag });
    await expect(row).toContainText(s.name);
    await row.getByTestId("appeal-approve").click();
    const dialog = page.getByRole("dialog", { name: "批准申诉并退款" });
    await expect(dialog).toContainText("将把套餐费用全额退回");
    // no reason: refused with the reason why, nothing decided
    await dialog.getByRole("button", { name: "批准并退款", exact: true }).click();
    await expect(dialog.getByText("请填写理由。")).toBeVisible();
    expect((await db.query(`SELECT "state" FROM "exchange_appeals" WHERE "id" = $1`, [appeal!.id])).rows[0]).toEqual({ state: "PENDING" });
    await dialog.getByLabel("理由（学生会看到）").fill(`核实为误操作 ${tag}`);
    await dialog.getByRole("button", { name: "批准并退款", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("appeal-row").filter({ hasText: tag })).toHaveCount(0);

    // the database: approved with the reason, refunded once, the package void, audited, the student told
    const decided = await db.query(`SELECT "state", "decisionReason", "refundEntryId" IS NOT NULL AS "refunded" FROM "exchange_appeals" WHERE "id" = $1`, [
      appeal!.id,
    ]);
    expect(decided.rows[0]).toEqual({ state: "APPROVED", decisionReason: `核实为误操作 ${tag}`, refunded: true });
    expect((await db.query(`SELECT "state" FROM "package_holdings" WHERE "id" = $1`, [s.holdingId])).rows[0]).toEqual({ state: "REFUNDED" });
    const after = await db.query<{ b: string }>(`SELECT "balanceFen"::text AS b FROM "ledger_accounts" WHERE "userId" = $1`, [s.userId]);
    expect(BigInt(after.rows[0]!.b)).toBe(before + price);
    const audit = await db.query(`SELECT count(*)::int AS n FROM "audit_log" WHERE "action" = 'appeal.approve' AND "data"->>'appealId' = $1`, [appeal!.id]);
    expect(audit.rows[0]).toEqual({ n: 1 });
    const told = await db.query(
      `SELECT "data"->>'refundedFen' AS fen FROM "notifications" WHERE "userId" = $1 AND "kind" = 'APPEAL_APPROVED' AND "dedupeKey" = $2`,
      [s.userId, `appeal:${appeal!.id}`],
    );
    expect(told.rows).toEqual([{ fen: price.toString() }]);

    // the student's page in the console: the balance with the refund, the exchange marked refunded
    await page.goto(`/admin/users/${s.studentNo}`);
    await expect(page.getByTestId("admin-balance")).toHaveText(formatFen(before + price, "zh-CN"));
    await expect(page.getByTestId("admin-exchange-row").first()).toContainText("已退款");
  } finally {
    await db.end();
  }
});
