// Seamless login and "why couldn't I sign in?" on the phone (modules/network, modules/radius):
// 陈晓 (the demo campus's student at the device limit, dev/demo-devices.ts) turns seamless MAC
// login on from her devices page; then the network refuses her a login (a real Access-Request
// to the app's rlm_rest endpoint, as FreeRADIUS would send it) and she finds the refusal on
// /network/login-problems, in plain words with what to do, beside the device-limit sign-out
// the demo seeded.
import { readFileSync } from "node:fs";
import pg from "pg";
import { DEMO, expect, test } from "./fixtures";
import { STATE_FILE } from "./paths";

const RADIUS_SECRET = "campusnet-e2e-radius-secret"; // e2e/stack.ts

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string };
  const db = new pg.Client({ connectionString: state.databaseUrl });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}

test.describe("devices: seamless login and sign-in problems @phone-only", () => {
  test.use({ account: DEMO.noPackage });

  test("a student turns seamless login on, and sees a refused sign-in explained", async ({ page }) => {
    // ── seamless login: off → on, audited, and still on after a reload ──
    // The demo seeds it off; a retry starts from there again.
    await query(`UPDATE "users" SET "seamlessLogin" = false WHERE "studentNo" = $1`, [DEMO.noPackage]);
    await page.goto("/network/devices");
    const card = page.getByTestId("seamless-card");
    const toggle = card.getByRole("switch", { name: "无感知认证" });
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await expect(card.getByTestId("seamless-state")).toContainText("已关闭");
    await expect(card).toContainText("最多 3 台设备同时在线");
    await toggle.click();
    await expect(card.getByRole("status")).toContainText("无感知认证已开启");
    await expect(card.getByTestId("seamless-state")).toContainText("已开启");
    await page.reload();
    await expect(page.getByTestId("seamless-card").getByRole("switch")).toHaveAttribute("aria-checked", "true");
    const [user] = await query<{ id: string; seamlessLogin: boolean; hasPassword: boolean }>(
      `SELECT u."id", u."seamlessLogin", EXISTS (SELECT 1 FROM "network_credentials" c WHERE c."userId" = u."id") AS "hasPassword"
       FROM "users" u WHERE u."studentNo" = $1`,
      [DEMO.noPackage],
    );
    expect(user!.seamlessLogin).toBe(true);
    const audit = await query<{ action: string }>(`SELECT "action" FROM "audit_log" WHERE "subjectId" = $1 AND "action" LIKE 'network.seamless.%'`, [user!.id]);
    expect(audit.map((a) => a.action)).toContain("network.seamless.on");

    // ── the network refuses a login: FreeRADIUS's rlm_rest call, answered 401 with the reason ──
    const reject = await page.request.post("/api/radius/authorize", {
      headers: { "x-campusnet-radius-secret": RADIUS_SECRET, "content-type": "application/json" },
      data: {
        "User-Name": { type: "string", value: [DEMO.noPackage] },
        "User-Password": { type: "string", value: ["not-my-password-1"] },
        "Calling-Station-Id": { type: "string", value: ["3C-22-FB-10-20-02"] },
        "NAS-IP-Address": { type: "ipaddr", value: ["10.20.0.1"] },
      },
    });
    expect(reject.status()).toBe(401);
    const kind = user!.hasPassword ? "BAD_CREDENTIALS" : "NO_NETWORK_PASSWORD";
    const words = user!.hasPassword ? "学号或上网密码错误" : "当时还没有设置上网密码";

    // ── /network → "why couldn't I sign in?" ──
    await page.goto("/network");
    await page.getByRole("link", { name: /为什么上不了网/ }).click();
    await expect(page).toHaveURL(/\/network\/login-problems$/);
    // the rejection is written a moment after the answer
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("login-problem").first()).toHaveAttribute("data-kind", kind, { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    const newest = page.getByTestId("login-problem").first();
    await expect(newest).toContainText(words);
    await expect(newest).toContainText("3C:22:FB:10:20:02");
    await expect(newest.getByRole("link", { name: /上网密码/ })).toHaveAttribute("href", "/network/password");
    // the demo's earlier problems: the iPad signed out by the device limit, a blocked device
    await expect(page.locator("[data-testid=login-problem][data-kind=DEVICE_LIMIT]")).toContainText("“iPad”被下线");
    await expect(page.locator("[data-testid=login-problem][data-kind=DEVICE_BLOCKED]")).toContainText("解除挂失");

    // seamless login off again (the demo's state), from the same switch
    await page.goto("/network/devices");
    await page.getByTestId("seamless-card").getByRole("switch").click();
    await expect(page.getByTestId("seamless-card").getByTestId("seamless-state")).toContainText("已关闭");
  });
});
