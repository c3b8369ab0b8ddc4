// The helpdesk on a student's page (issue 12 item 1), desktop only (the phone project ignores it): staff sign in through the
// real login and act on a generated demo student — kick a live session (the spec answers the
// app's Disconnect-Request as the NAS), block and unblock a device, lift a lock-out, hand out a
// temporary network password, add quota with a reason, suspend and resume; finance credits the
// balance. Each action goes through its confirmation, and each lands in the page's audit trail.
// The student is picked at the tail of the seeded list, which no other spec touches; the spec's
// own rows (NAS, session, device) are unique to the run and removed afterwards.
import dgram from "node:dgram";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import radius from "radius";
import type { Page } from "@playwright/test";
import { now } from "../lib/clock";
import { DEMO, expect, test } from "./fixtures";
import { STATE_FILE } from "./paths";

const NAS_SECRET = "e2e-helpdesk-spec-nas";

function databaseUrl(): string {
  return (JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string }).databaseUrl;
}

function randomMac(): string {
  const b = randomBytes(6);
  b[0] = (b[0]! & 0xfc) | 0x02;
  return [...b].map((x) => x.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

/** A NAS stand-in on its own loopback address that ACKs every Disconnect-Request and CoA-Request. */
async function startNas(host: string) {
  const socket = dgram.createSocket("udp4");
  let disconnects = 0;
  socket.on("message", (msg, rinfo) => {
    try {
      const packet = radius.decode({ packet: msg, secret: NAS_SECRET });
      if (packet.code !== "Disconnect-Request" && packet.code !== "CoA-Request") return;
      if (packet.code === "Disconnect-Request") disconnects++;
      const code = packet.code === "CoA-Request" ? "CoA-ACK" : "Disconnect-ACK";
      socket.send(radius.encode_response({ packet, code, secret: NAS_SECRET }), rinfo.port, rinfo.address);
    } catch {}
  });
  await new Promise<void>((r) => socket.bind(0, host, () => r()));
  return { port: socket.address().port, disconnects: () => disconnects, close: () => new Promise<void>((r) => socket.close(() => r())) };
}

/** Opens a staff action's confirmation, gives the reason and confirms. */
async function act(page: Page, opener: ReturnType<Page["getByRole"]>, confirmName: string | RegExp, reason?: string) {
  await opener.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (reason !== undefined) await dialog.getByLabel("原因").fill(reason);
  await dialog.getByRole("button", { name: confirmName, exact: typeof confirmName === "string" }).click();
  await expect(dialog).toBeHidden();
}

test.describe("the helpdesk acts on a student", () => {
  test.setTimeout(120_000);

  test("an operator kicks a session, blocks a device, unlocks, resets the password, adds quota, suspends and resumes", async ({ pageAs }) => {
    const db = new pg.Client({ connectionString: databaseUrl() });
    await db.connect();
    const host = `127.${10 + (randomBytes(1)[0]! % 200)}.${randomBytes(1)[0]}.${2 + (randomBytes(1)[0]! % 250)}`;
    const nas = await startNas(host);
    const tag = randomUUID().slice(0, 8);
    const sessions = [randomUUID(), randomUUID(), randomUUID()];
    const macs = [randomMac(), randomMac(), randomMac()];
    const deviceId = randomUUID();
    let userId = "";
    try {
      const { rows } = await db.query(
        `SELECT "id","studentNo","name" FROM "users" WHERE "role" = 'STUDENT' AND "status" = 'ACTIVE' AND "oidcSub" IS NULL ORDER BY "studentNo" DESC LIMIT 1 OFFSET 1`,
      );
      const student = rows[0] as { id: string; studentNo: string; name: string };
      userId = student.id;
      await db.query(`INSERT INTO "nas_clients" ("id","name","ipAddress","secret","coaPort","createdAt") VALUES (gen_random_uuid(), $1, $2, $3, $4, now())`, [
        `e2e helpdesk ${tag}`,
        host,
        NAS_SECRET,
        nas.port,
      ]);
      for (const [i, id] of sessions.entries())
        await db.query(
          `INSERT INTO "radius_sessions" ("id","acctUniqueId","acctSessionId","userId","username","nasIp","framedIp","mac","state","inputOctets","outputOctets","startedAt","lastUpdateAt","speedMode")
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'ACTIVE', 1048576, 5242880, $9, $9, 'HIGH_SPEED')`,
          [id, `e2e-hd-${tag}-${i}`, `HD${tag}${i}`, userId, student.studentNo, host, `10.77.0.${10 + i}`, macs[i], now()],
        );
      await db.query(`INSERT INTO "devices" ("id","userId","mac","name","lastSeenAt","createdAt") VALUES ($1, $2, $3, $4, $5, $5)`, [
        deviceId,
        userId,
        macs[1],
        `e2e 平板 ${tag}`,
        now(),
      ]);
      // a lock-out after five wrong network passwords
      await db.query(
        `INSERT INTO "network_credentials" ("userId","passwordHash","failedAttempts","lockedUntil","updatedAt") VALUES ($1, 'x', 5, $2, now())
         ON CONFLICT ("userId") DO UPDATE SET "failedAttempts" = 5, "lockedUntil" = $2, "expiresAt" = NULL`,
        [userId, new Date(now().getTime() + 15 * 60_000)],
      );

      const page = await pageAs(DEMO.operator);
      const res = await page.goto(`/admin/users/${student.studentNo}`);
      expect(res?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(student.name);
      // an operator does helpdesk and quota, not money
      await expect(page.getByTestId("adjust-quota-form")).toBeVisible();
      await expect(page.getByTestId("adjust-balance-form")).toHaveCount(0);

      // Kick one session: confirmation with the device, the NAS is told, the row goes.
      const rowsOnline = page.getByTestId("admin-session-row");
      await expect(rowsOnline).toHaveCount(3);
      const first = rowsOnline.filter({ hasText: "10.77.0.10" });
      // the reason is required: an empty one is refused in the dialog and nothing happens
      await first.getByRole("button", { name: "强制下线" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("button", { name: "强制下线", exact: true }).click();
      await expect(dialog.getByText("请填写原因")).toBeVisible();
      expect(nas.disconnects()).toBe(0);
      await dialog.getByLabel("原因").fill("来电：设备被盗");
      await dialog.getByRole("button", { name: "强制下线", exact: true }).click();
      await expect(dialog).toBeHidden();
      // the page refreshes by itself: the kicked session is gone
      await expect(page.getByTestId("admin-session-row")).toHaveCount(2);
      expect(nas.disconnects()).toBe(1);
      await page.reload();
      await expect(page.getByTestId("admin-session-row")).toHaveCount(2);

      // Block the device (挂失): its live session is cut; then unblock.
      const device = page.getByTestId("admin-device-row").filter({ hasText: `e2e 平板 ${tag}` });
      await act(page, device.getByRole("button", { name: "挂失" }), "挂失", "学生报失");
      await expect(page.getByText(/已挂失；断开了 1 个会话/)).toBeVisible();
      expect(nas.disconnects()).toBe(2);
      await page.reload();
      await expect(device).toContainText("已挂失");
      await expect(page.getByTestId("admin-session-row")).toHaveCount(1);
      await act(page, device.getByRole("button", { name: "解除挂失" }), "解除挂失", "找回设备");
      await page.reload();
      await expect(device).not.toContainText("已挂失");
      expect((await db.query(`SELECT "blocked" FROM "devices" WHERE "id" = $1`, [deviceId])).rows[0].blocked).toBe(false);

      // Lift the lock-out (no reason asked), then a one-time temporary password.
      await expect(page.getByTestId("admin-login-state")).toContainText("已锁定");
      await act(page, page.getByTestId("admin-unlock"), "解除");
      await page.reload();
      await expect(page.getByTestId("admin-login-state")).toContainText("登录未被锁定");
      await act(page, page.getByTestId("admin-reset-password"), "生成临时密码", "来电：忘记上网密码");
      const shown = page.getByTestId("admin-reset-password-result");
      await expect(shown).toContainText("临时上网密码：");
      const code = /临时上网密码：(\S+?)，/.exec((await shown.textContent()) ?? "")?.[1];
      expect(code, "a code is shown once").toMatch(/^\S{6,}$/);
      await page.reload();
      await expect(page.getByTestId("admin-login-state")).toContainText("临时密码");
      await expect(page.locator("body")).not.toContainText(code!);

      // Add 1.5 GB of high-speed quota with a reason: checked, confirmed, recorded.
      const quota = page.getByTestId("adjust-quota-form");
      await quota.getByLabel("流量（GB）").fill("abc");
      await quota.getByLabel("原因").fill("补偿：网络故障");
      await quota.getByRole("button", { name: "核对调整" }).click();
      await expect(quota.getByText(/请输入大于 0 的流量/)).toBeVisible();
      await quota.getByLabel("流量（GB）").fill("1.5");
      await quota.getByRole("button", { name: "核对调整" }).click();
      const confirm = page.getByRole("dialog");
      await expect(confirm).toContainText("1.5 GB");
      await confirm.getByRole("button", { name: "确认入账" }).click();
      await expect(page.getByTestId("adjust-quota-done")).toContainText("已完成");
      const adj = await db.query(`SELECT "bytes"::text AS b, "reason" FROM "quota_adjustments" WHERE "userId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [
        userId,
      ]);
      expect(adj.rows[0]).toEqual({ b: String(1.5 * 1024 ** 3), reason: "补偿：网络故障" });

      // Suspend with a reason (the remaining session is cut), then resume.
      await act(page, page.getByTestId("admin-suspend"), "停用", "违规共享账号");
      await expect(page.getByText(/已停用；断开了 1 个在线会话/)).toBeVisible();
      expect(nas.disconnects()).toBe(3);
      await page.reload();
      await expect(page.getByTestId("admin-account-status")).toHaveText("已停用");
      await act(page, page.getByTestId("admin-resume"), "恢复", "已核实");
      await page.reload();
      await expect(page.getByTestId("admin-account-status")).toHaveText("正常");

      // Every action is in the student's audit trail on the page.
      const audit = page.getByTestId("admin-audit-row");
      expect(await audit.count()).toBeGreaterThanOrEqual(8);
      const actions = (await db.query(`SELECT "action" FROM "audit_log" WHERE "subjectId" = $1`, [userId])).rows.map((r) => r.action as string);
      for (const a of [
        "staff.session.kick",
        "staff.device.block",
        "staff.device.unblock",
        "staff.network.unlock",
        "staff.network.password_reset",
        "staff.quota.adjust",
        "staff.account.suspend",
        "staff.account.resume",
      ])
        expect(actions, a).toContain(a);
    } finally {
      if (userId) {
        await db.query(`UPDATE "users" SET "status" = 'ACTIVE' WHERE "id" = $1`, [userId]).catch(() => {});
        await db.query(`DELETE FROM "network_credentials" WHERE "userId" = $1`, [userId]).catch(() => {});
      }
      await db.query(`DELETE FROM "coa_requests" WHERE "sessionId" = ANY($1::uuid[])`, [sessions]).catch(() => {});
      await db.query(`DELETE FROM "radius_sessions" WHERE "id" = ANY($1::uuid[])`, [sessions]).catch(() => {});
      await db.query(`DELETE FROM "devices" WHERE "id" = $1`, [deviceId]).catch(() => {});
      await db.query(`DELETE FROM "nas_clients" WHERE "ipAddress" = $1`, [host]).catch(() => {});
      await db.end();
      await nas.close();
    }
  });

  test("finance credits a balance with a reason: a ledger entry, never an edit", async ({ pageAs }) => {
    const db = new pg.Client({ connectionString: databaseUrl() });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT "id","studentNo" FROM "users" WHERE "role" = 'STUDENT' AND "status" = 'ACTIVE' AND "oidcSub" IS NULL ORDER BY "studentNo" DESC LIMIT 1 OFFSET 2`,
      );
      const student = rows[0] as { id: string; studentNo: string };
      const page = await pageAs(DEMO.finance);
      await page.goto(`/admin/users/${student.studentNo}`);
      // finance moves money, not sessions or accounts
      await expect(page.getByTestId("admin-suspend")).toHaveCount(0);
      await expect(page.getByTestId("adjust-quota-form")).toHaveCount(0);
      const before = (await page.getByTestId("admin-balance").textContent()) ?? "";
      const toFen = (s: string) => Math.round(Number(s.replace(/[^\d.-]/g, "")) * 100);

      const form = page.getByTestId("adjust-balance-form");
      await form.getByLabel("金额（元）").fill("12.34");
      await form.getByLabel("原因").fill("退还重复扣费，工单 4711");
      await form.getByRole("button", { name: "核对调整" }).click();
      const confirm = page.getByRole("dialog");
      await expect(confirm).toContainText("¥12.34");
      await confirm.getByRole("button", { name: "确认入账" }).click();
      await expect(page.getByTestId("adjust-balance-done")).toContainText("已入账");
      await expect(page.getByTestId("admin-balance")).not.toHaveText(before);
      expect(toFen((await page.getByTestId("admin-balance").textContent()) ?? "")).toBe(toFen(before) + 1234);
      await expect(page.getByTestId("admin-ledger-row").first()).toContainText("网络中心调整");
      await expect(page.getByTestId("admin-ledger-row").first()).toContainText("12.34");
    } finally {
      await db.end();
    }
  });
});
