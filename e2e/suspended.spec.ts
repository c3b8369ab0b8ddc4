// A suspended account (decision 003): from its next request on it sees no data and can do
// nothing; every page sends it to /suspended ("contact the network office"), routes answer
// 403 ACCOUNT_SUSPENDED. The account is made for this test in the stack's database (no demo
// persona is suspended, and the others are shared by the specs running beside this one); its
// session cookie is minted with the stack's secret, as next-auth itself would after sign-in.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { STATE_FILE } from "./paths";
import { NEXTAUTH_SECRET } from "./stack";

function databaseUrl(): string {
  return (JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string }).databaseUrl;
}

test("a suspended student gets the suspended page, never their data; routes refuse", async ({ page, context, baseURL }) => {
  const db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
  const tag = randomUUID().slice(0, 8);
  const studentNo = `8${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`; // the desktop and phone runs each make their own
  const name = `停用测试${tag}`;
  let userId: string | null = null;
  try {
    const { rows } = await db.query(
      `INSERT INTO "users" ("id","studentNo","name","role","status","updatedAt") VALUES (gen_random_uuid(), $1, $2, 'STUDENT', 'ACTIVE', now()) RETURNING "id"`,
      [studentNo, name],
    );
    userId = rows[0].id as string;
    const token = await encode({ token: { sub: userId, uid: userId, role: "STUDENT", studentNo, name }, secret: NEXTAUTH_SECRET, maxAge: 3600 });
    await context.addCookies([{ name: "next-auth.session-token", value: token, url: baseURL! }]);

    // Suspended by the network office while signed in: the next request already shows it.
    await db.query(`UPDATE "users" SET "status" = 'SUSPENDED' WHERE "id" = $1`, [userId]);
    for (const path of ["/", "/recharge", "/network", "/admin/users?q=2023"]) {
      const res = await page.goto(path);
      expect(res?.ok(), path).toBe(true);
      await expect(page, path).toHaveURL(/\/suspended$/);
      await expect(page.getByTestId("account-suspended")).toBeVisible();
      await expect(page.getByRole("heading", { name: "账户已停用" })).toBeVisible();
      await expect(page).toHaveTitle(/账户已停用/);
      await expect(page.getByText("请联系网络中心")).toBeVisible();
      const html = await page.content();
      expect(html).not.toContain(name);
      expect(html).not.toContain(studentNo);
      expect(await page.locator("body").innerText()).not.toContain("¥");
    }
    // The RSC payload of a student page carries nothing either.
    const rsc = await page.request.get("/", { headers: { RSC: "1" }, maxRedirects: 0 });
    expect(await rsc.text()).not.toContain(name);

    const api = await page.request.get("/api/payments/orders/R20260101000000ABCDEF");
    expect(api.status()).toBe(403);
    expect(await api.json()).toMatchObject({ code: "ACCOUNT_SUSPENDED" });

    // Closed at graduation (modules/lifecycle): the same page, saying so in its heading and its title.
    await db.query(`UPDATE "users" SET "status" = 'CLOSED' WHERE "id" = $1`, [userId]);
    await page.goto("/");
    await expect(page).toHaveURL(/\/suspended$/);
    await expect(page.getByRole("heading", { name: "账户已毕业销户" })).toBeVisible();
    await expect(page).toHaveTitle(/账户已毕业销户/);
    expect(await page.content()).not.toContain(name);

    // Restored: the same session works again at once (an unknown order is simply not found).
    await db.query(`UPDATE "users" SET "status" = 'ACTIVE' WHERE "id" = $1`, [userId]);
    expect((await page.request.get("/api/payments/orders/R20260101000000ABCDEF")).status()).toBe(404);
  } finally {
    if (userId) {
      await db.query(`DELETE FROM "users" WHERE "id" = $1`, [userId]).catch(() => {});
    }
    await db.end();
  }
});
