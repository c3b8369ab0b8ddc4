// The queues on the desktop (issue 12 item 4) that e2e/admin-audit.spec.ts does not work through:
// finance credits a flagged order's paid amount from /admin/finance/flagged, the helpdesk lifts a
// network lock-out from /admin/queues/lockouts, and a failed renewal is listed on
// /admin/queues/renewals with its shortfall — each with its count on /admin. Every test makes its
// own student (test rows stay, decision 011), so the specs beside it see nothing move.
import { randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import pg from "pg";
import { now } from "../lib/clock";
import { monthKey, shanghaiDateTime } from "../lib/time";
import { DEMO, expect, test } from "./fixtures";
import { STATE_FILE } from "./paths";

function databaseUrl(): string {
  return (JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string }).databaseUrl;
}

async function withDb<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** A student of this test's own, with an empty wallet (as first sign-in leaves one). */
async function makeStudent(db: pg.Client, label: string): Promise<{ id: string; studentNo: string; name: string }> {
  const id = randomUUID();
  const studentNo = `7${String(randomInt(0, 1e9)).padStart(9, "0")}`;
  const name = `${label}${randomUUID().slice(0, 6)}`;
  await db.query(`INSERT INTO "users" ("id","studentNo","name","role","status","updatedAt") VALUES ($1,$2,$3,'STUDENT','ACTIVE',now())`, [id, studentNo, name]);
  await db.query(`INSERT INTO "ledger_accounts" ("id","code","kind","userId") VALUES (gen_random_uuid(), $1, 'STUDENT_WALLET', $2)`, [`wallet:${id}`, id]);
  return { id, studentNo, name };
}

/** The count a queue tile on /admin shows. */
async function tileCount(page: Page, key: string): Promise<number> {
  await page.goto("/admin");
  const count = page.getByTestId(`queue-${key}-count`);
  await expect(count).toBeVisible();
  return Number(((await count.textContent()) ?? "").replace(/\D/g, ""));
}

test("finance credits a flagged order's paid amount from the flagged-orders queue", async ({ pageAs }) => {
  test.setTimeout(60_000);
  await withDb(async (db) => {
    const s = await makeStudent(db, "入账复核");
    // paid ¥5.00 for a ¥50.00 order: the gateway's amount did not match, so it waits for finance
    const at = new Date(now().getTime() - 3_600_000);
    const orderNo = `R${shanghaiDateTime(at).replace(/[-: ]/g, "")}${randomUUID().replace(/-/g, "").slice(0, 6).toUpperCase()}`;
    const txn = `4200${randomInt(1e9, 9e9)}${randomInt(1e9, 9e9)}`;
    await db.query(
      `INSERT INTO "recharge_orders" ("id","orderNo","userId","createdById","channel","amountFen","state","gatewayTxnId","paidAmountFen","expiresAt","paidAt","flaggedAt","createdAt","updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $2, 'SANDBOX', 5000, 'FLAGGED', $3, 500, $4, $4, $4, $4, $4)`,
      [orderNo, s.id, txn, at],
    );

    const page = await pageAs(DEMO.finance);
    expect(await tileCount(page, "flagged")).toBeGreaterThanOrEqual(1);
    await page.goto("/admin/finance/flagged");
    const card = page.getByTestId("flagged-order").filter({ hasText: orderNo });
    await expect(card).toContainText(s.name);
    await card.getByLabel("原因").fill("核对支付平台账单：实付 5 元");
    await card.getByRole("button", { name: "按实付金额入账" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(orderNo);
    await dialog.getByRole("button", { name: "按实付金额入账" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("flagged-order").filter({ hasText: orderNo })).toHaveCount(0);

    // credited once, with the paid amount, and audited as finance's act
    const order = await db.query(`SELECT "state", "journalEntryId" IS NOT NULL AS booked FROM "recharge_orders" WHERE "orderNo" = $1`, [orderNo]);
    expect(order.rows[0]).toEqual({ state: "CREDITED", booked: true });
    const wallet = await db.query(`SELECT "balanceFen"::text AS fen FROM "ledger_accounts" WHERE "userId" = $1`, [s.id]);
    expect(wallet.rows[0].fen).toBe("500");
    const audit = await db.query(`SELECT COUNT(*)::int AS n FROM "audit_log" WHERE "subjectId" = $1 AND "action" = 'finance.flag.credit'`, [s.id]);
    expect(audit.rows[0].n).toBe(1);
  });
});

test("the helpdesk lifts a network lock-out from the lock-outs queue", async ({ pageAs }) => {
  test.setTimeout(60_000);
  await withDb(async (db) => {
    const s = await makeStudent(db, "锁定解除");
    await db.query(`INSERT INTO "network_credentials" ("userId","passwordHash","failedAttempts","lockedUntil","updatedAt") VALUES ($1, 'x', 5, $2, now())`, [
      s.id,
      new Date(now().getTime() + 15 * 60_000),
    ]);
    const page = await pageAs(DEMO.operator);
    const before = await tileCount(page, "lockouts");
    expect(before).toBeGreaterThanOrEqual(1);
    await page.goto("/admin/queues/lockouts");
    const row = page.getByTestId("lockout-row").filter({ hasText: s.studentNo });
    await expect(row).toContainText(s.name);
    await expect(row.locator("td").nth(2)).toHaveText("5"); // failed attempts
    await row.getByRole("button", { name: "解除锁定" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "解除", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("lockout-row").filter({ hasText: s.studentNo })).toHaveCount(0);

    const cred = await db.query(`SELECT "lockedUntil", "failedAttempts" FROM "network_credentials" WHERE "userId" = $1`, [s.id]);
    expect(cred.rows[0]).toEqual({ lockedUntil: null, failedAttempts: 0 });
    const audit = await db.query(`SELECT COUNT(*)::int AS n FROM "audit_log" WHERE "subjectId" = $1 AND "action" = 'staff.network.unlock'`, [s.id]);
    expect(audit.rows[0].n).toBe(1);
  });
});

test("a failed renewal this month is in the renewals queue with its shortfall, for the helpdesk to call", async ({ pageAs }) => {
  test.setTimeout(60_000);
  await withDb(async (db) => {
    const s = await makeStudent(db, "续订失败");
    const month = monthKey(now());
    const pkg = await db.query(`SELECT "id", "nameZh" FROM "packages" WHERE "code" = 'P10' AND "supersededAt" IS NULL LIMIT 1`);
    const planId = randomUUID();
    await db.query(`INSERT INTO "package_plans" ("id","userId","packageId","kind","firstMonth","createdAt") VALUES ($1, $2, $3, 'AUTO_RENEW', $4, now())`, [
      planId,
      s.id,
      pkg.rows[0].id,
      month,
    ]);
    await db.query(
      `INSERT INTO "package_plan_runs" ("id","planId","userId","month","outcome","detail","createdAt") VALUES (gen_random_uuid(), $1, $2, $3, 'BALANCE_SHORT', $4::jsonb, $5)`,
      [planId, s.id, month, JSON.stringify({ shortfallFen: "1250" }), now()],
    );
    const page = await pageAs(DEMO.operator);
    expect(await tileCount(page, "renewals")).toBeGreaterThanOrEqual(1);
    await page.goto("/admin/queues/renewals");
    const row = page.getByTestId("renewal-row").filter({ hasText: s.studentNo });
    await expect(row).toContainText(s.name);
    await expect(row).toContainText(month);
    await expect(row).toContainText(pkg.rows[0].nameZh);
    await expect(row).toContainText("¥12.50");
    // the row leads to the student's page, where the helpdesk acts
    await row.getByRole("link", { name: new RegExp(s.studentNo) }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(s.studentNo);
  });
});
