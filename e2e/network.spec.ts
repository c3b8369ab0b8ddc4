// The student's network pages (modules/network), desktop and phone: "why am I slow?", a live session
// taken offline (the spec seeds it in the e2e database and answers the app's
// Disconnect-Request as the NAS), a quota alert marked read, a console registered for MAC
// sign-in and then reported lost (挂失). The e2e stack runs no traffic simulator, so the
// session is written straight into the stack's throwaway database; every row is unique to
// this run and project, and removed afterwards.
import dgram from "node:dgram";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import radius from "radius";
import { now } from "../lib/clock";
import { monthKey, monthStart } from "../lib/time";
import { DEMO, expect, test } from "./fixtures";
import { STATE_FILE } from "./paths";

const NAS_SECRET = "e2e-network-spec-nas";

function databaseUrl(): string {
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string };
  return state.databaseUrl;
}

/** A locally administered unicast MAC no other run uses. */
function randomMac(): string {
  const b = randomBytes(6);
  b[0] = (b[0]! & 0xfc) | 0x02;
  return [...b].map((x) => x.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

/** A NAS stand-in on its own loopback address that ACKs every Disconnect-Request. */
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

test.describe("the network pages", () => {
  test.use({ account: DEMO.student });

  test("a student sees why they are slow, takes a device offline, and reads an alert", async ({ page }) => {
    const db = new pg.Client({ connectionString: databaseUrl() });
    await db.connect();
    const host = `127.${10 + (randomBytes(1)[0]! % 200)}.${randomBytes(1)[0]}.${2 + (randomBytes(1)[0]! % 250)}`;
    const nas = await startNas(host);
    const mac = randomMac();
    const sessionId = randomUUID();
    const tag = randomUUID().slice(0, 8);
    try {
      const { rows } = await db.query(`SELECT "id" FROM "users" WHERE "studentNo" = $1`, [DEMO.student]);
      const userId = rows[0].id as string;
      await db.query(`INSERT INTO "nas_clients" ("id","name","ipAddress","secret","coaPort","createdAt") VALUES (gen_random_uuid(), $1, $2, $3, $4, now())`, [
        `e2e ${tag}`,
        host,
        NAS_SECRET,
        nas.port,
      ]);
      await db.query(
        `INSERT INTO "radius_sessions" ("id","acctUniqueId","acctSessionId","userId","username","nasIp","framedIp","mac","state","inputOctets","outputOctets","startedAt","lastUpdateAt","speedMode")
         VALUES ($1, $2, $3, $4, $5, $6, '10.31.7.42', $7, 'ACTIVE', 52428800, 1610612736, $8, $9, 'HIGH_SPEED')`,
        // The app's clock (E2E_NOW), not the database's; started in this billing month, which 流量详情 lists.
        [
          sessionId,
          `e2e-${tag}`,
          `E2E${tag}`,
          userId,
          DEMO.student,
          host,
          mac,
          new Date(Math.max(now().getTime() - 25 * 60_000, monthStart(monthKey(now())).getTime())),
          now(),
        ],
      );
      const alert = await db.query(
        `INSERT INTO "notifications" ("userId","kind","dedupeKey","data","createdAt") VALUES ($1, 'QUOTA_80', $2, $3::jsonb, $4) RETURNING "id"`,
        [
          userId,
          `e2e:${tag}`,
          JSON.stringify({ month: monthKey(now()), threshold: 80, grantedBytes: String(20 * 1024 ** 3), usedBytes: String(16 * 1024 ** 3) }),
          now(),
        ],
      );
      const alertId = String(alert.rows[0].id);

      // The 网络 tab is in the main navigation (bottom bar on phones).
      await page.goto("/");
      await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "网络" }).click();
      await expect(page).toHaveURL(/\/network$/);

      // Why am I slow? The speed mode, the reason and the rate the network was sent.
      const speed = page.getByTestId("speed-explanation");
      await expect(speed.getByRole("heading", { name: "为什么网速慢？" })).toBeVisible();
      await expect(speed).toHaveAttribute("data-mode", "HIGH_SPEED");
      await expect(page.getByTestId("speed-reason")).toContainText("高速");
      await expect(page.getByTestId("rate-sent")).toContainText("100 Mbit/s");
      await expect(page.getByTestId("quota-left")).not.toHaveText("");

      // The quota alert, marked read.
      const alertRow = page.locator(`[data-testid=quota-alert][data-alert-id="${alertId}"]`);
      await expect(alertRow).toContainText("已用 80%");
      await expect(alertRow).toHaveAttribute("data-read", "false");
      await alertRow.getByRole("button", { name: "标为已读" }).click();
      await expect(alertRow).toHaveAttribute("data-read", "true");

      // The seeded session is online now; take it offline (confirmation first).
      const row = page.locator(`[data-testid=live-session][data-mac="${mac}"]`);
      await expect(row).toContainText("10.31.7.42");
      await expect(row).toContainText("1.5 GB");
      await row.getByRole("button", { name: /下线/ }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toContainText(mac);
      await dialog.getByRole("button", { name: "确认下线" }).click();
      await expect(page.getByTestId("sessions-notice")).toContainText("已下线");
      await expect(row).toHaveCount(0);
      expect(nas.disconnects()).toBeGreaterThan(0);

      // It is in 流量详情 now, ended by the office/student.
      await page.goto("/network/usage");
      await expect(page.getByTestId("usage-row").filter({ hasText: mac }).first()).toContainText("被下线");
    } finally {
      await db.query(`DELETE FROM "coa_requests" WHERE "sessionId" = $1`, [sessionId]).catch(() => {});
      await db.query(`DELETE FROM "radius_sessions" WHERE "id" = $1`, [sessionId]).catch(() => {});
      await db.query(`DELETE FROM "nas_clients" WHERE "ipAddress" = $1`, [host]).catch(() => {});
      await db.query(`DELETE FROM "notifications" WHERE "dedupeKey" = $1`, [`e2e:${tag}`]).catch(() => {});
      await db.end();
      await nas.close();
    }
  });

  test("a student registers a console for MAC sign-in and reports it lost", async ({ page }, testInfo) => {
    const mac = randomMac();
    const name = `E2E 游戏机 ${testInfo.project.name}`;
    await page.goto("/network/devices");
    await expect(page.getByRole("heading", { name: "我的设备", level: 1 })).toBeVisible();

    // Validation: a MAC that is not one.
    await page.getByLabel("MAC 地址").fill("12:34:zz");
    await page.getByLabel("设备名称").fill(name);
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await expect(page.getByText("MAC 地址格式不对")).toBeVisible();

    // Any spelling works: lower case with dashes is stored as AA:BB:….
    await page.getByLabel("MAC 地址").fill(mac.toLowerCase().replace(/:/g, "-"));
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await expect(page.getByTestId("register-done")).toContainText(mac);
    const row = page.locator(`[data-testid=device-row][data-mac="${mac}"]`);
    await expect(row).toContainText(name);
    await expect(row).toContainText("免密上网");
    await expect(row).toHaveAttribute("data-blocked", "false");

    // 挂失: a strong confirmation (tick first), then the device is blocked.
    await row.getByRole("button", { name: "挂失" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(mac);
    const confirm = dialog.getByRole("button", { name: "立即挂失" });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole("checkbox").check();
    await confirm.click();
    await expect(page.getByTestId("devices-notice")).toContainText("已挂失");
    await expect(row).toHaveAttribute("data-blocked", "true");
    await expect(row.getByTestId("device-blocked")).toHaveText("已挂失");
    await expect(row.getByRole("button", { name: "解除挂失" })).toBeVisible();
  });
});
