// Who a signed-in person is, and what a suspended account may still do.
// - Identity: accounts are linked by the OIDC `sub` only; a 学号 claim never takes over an
//   account that another identity already holds (the refusal is audited).
// - Suspension (decision 003): the guards re-read the account on every request, so a suspended
//   account gets nothing from its next request on; a PAUSED one (停机保号) signs in as usual.
// The session cookie (next-auth) is the outside world here: getServerSession is replaced by a
// stub returning the test's user id; the guards, action clients, routes and PostgreSQL are real.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));

import { GET as orderStatusRoute } from "@/app/api/payments/orders/[orderNo]/route";
import { createUser, uniqueStudentNo } from "@/dev/factory";
import { requireAbility, requirePageUser, requireUser } from "@/lib/auth";
import { db } from "@/lib/db";
import { liveNetworkAction } from "@/modules/network/actions";
import { upsertUserFromClaims } from "./service";

afterAll(async () => {
  await db().$disconnect();
});
beforeEach(() => {
  session.userId = null;
});

const claims = (sub: string, studentNo: string, extra: Partial<{ name: string; role: "STUDENT" | "ADMIN" | null }> = {}) => ({
  sub,
  studentNo,
  name: extra.name ?? "测试学生",
  role: extra.role === undefined ? ("STUDENT" as const) : extra.role,
});

describe("linking a sign-in to an account: by the OIDC sub only", () => {
  it("creates an account for a new identity and finds it again by its sub", async () => {
    const sub = `sub-${randomUUID()}`;
    const no = uniqueStudentNo();
    const first = await upsertUserFromClaims(claims(sub, no, { name: "新同学" }));
    const again = await upsertUserFromClaims(claims(sub, no, { name: "新同学（改名）" }));
    expect(again.id).toBe(first.id);
    expect(again.name).toBe("新同学（改名）");
    expect(await db().user.findUniqueOrThrow({ where: { id: first.id }, select: { oidcSub: true } })).toEqual({ oidcSub: sub });
    expect(await db().ledgerAccount.count({ where: { userId: first.id } })).toBe(1);
  });

  it("lets the first sign-in claim a pre-provisioned account (no sub yet) by its 学号, audited", async () => {
    const seeded = await createUser(db(), { name: "预置学生" });
    const sub = `sub-${randomUUID()}`;
    const user = await upsertUserFromClaims(claims(sub, seeded.studentNo, { name: "预置学生" }));
    expect(user.id).toBe(seeded.id);
    expect(await db().user.findUniqueOrThrow({ where: { id: seeded.id }, select: { oidcSub: true } })).toEqual({ oidcSub: sub });
    expect(await db().auditLog.count({ where: { subjectId: seeded.id, action: "account.claimed" } })).toBe(1);
    // A bootstrap first admin is claimed the same way, and takes the IdP's role.
    const boot = await createUser(db(), { name: "首位管理员", role: "ADMIN" });
    expect((await upsertUserFromClaims(claims(`sub-${randomUUID()}`, boot.studentNo, { role: "ADMIN" }))).id).toBe(boot.id);
    // An IdP that sends no role claim leaves the account's role as it is: the first admin stays admin.
    const quiet = await createUser(db(), { name: "无角色声明的管理员", role: "ADMIN" });
    const quietSub = `sub-${randomUUID()}`;
    expect(await upsertUserFromClaims(claims(quietSub, quiet.studentNo, { role: null }))).toMatchObject({ id: quiet.id, role: "ADMIN" });
    expect(await upsertUserFromClaims(claims(quietSub, quiet.studentNo, { role: null }))).toMatchObject({ id: quiet.id, role: "ADMIN" });
    // …and a brand-new account without a role claim is a student.
    expect(await upsertUserFromClaims(claims(`sub-${randomUUID()}`, `N${randomUUID().slice(0, 8)}`, { role: null }))).toMatchObject({ role: "STUDENT" });
  });

  it("never lets a 学号 claim take over an account held by another identity: refused and audited, the account untouched", async () => {
    const ownerSub = `sub-${randomUUID()}`;
    const victim = await createUser(db(), { name: "原主人", oidcSub: ownerSub });
    const intruderSub = `sub-${randomUUID()}`;
    await expect(upsertUserFromClaims(claims(intruderSub, victim.studentNo, { name: "冒名者", role: "ADMIN" }))).rejects.toMatchObject({
      code: "IDENTITY_CONFLICT",
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: victim.id }, select: { oidcSub: true, name: true, role: true } })).toEqual({
      oidcSub: ownerSub,
      name: "原主人",
      role: "STUDENT",
    });
    expect(await db().user.count({ where: { oidcSub: intruderSub } })).toBe(0);
    const audit = await db().auditLog.findFirstOrThrow({ where: { subjectId: victim.id, action: "signin.refused.identity_conflict" } });
    expect(audit.data).toMatchObject({ studentNo: victim.studentNo, sub: intruderSub, role: "ADMIN" });
    // The rightful identity still signs in.
    expect((await upsertUserFromClaims(claims(ownerSub, victim.studentNo, { name: "原主人" }))).id).toBe(victim.id);
  });

  it("refuses a linked identity whose claimed 学号 now names another account (also one not yet claimed)", async () => {
    const sub = `sub-${randomUUID()}`;
    const mine = await upsertUserFromClaims(claims(sub, uniqueStudentNo()));
    const other = await createUser(db(), { name: "别人" });
    await expect(upsertUserFromClaims(claims(sub, other.studentNo))).rejects.toMatchObject({ code: "IDENTITY_CONFLICT" });
    expect(await db().user.findUniqueOrThrow({ where: { id: other.id }, select: { oidcSub: true } })).toEqual({ oidcSub: null });
    const audit = await db().auditLog.findFirstOrThrow({ where: { subjectId: other.id, action: "signin.refused.identity_conflict" } });
    expect(audit.actorId).toBe(mine.id);
    // A 学号 nobody holds follows the IdP (it is the truth for 学号).
    const renumbered = uniqueStudentNo();
    const moved = await upsertUserFromClaims(claims(sub, renumbered));
    expect(moved).toMatchObject({ id: mine.id, studentNo: renumbered });
  });
});

/** What a redirect() from next/navigation threw: its target. */
async function redirectTarget(p: Promise<unknown>): Promise<string> {
  const e = (await p.then(
    () => null,
    (err: unknown) => err,
  )) as { digest?: string } | null;
  expect(e?.digest, "expected a redirect").toMatch(/^NEXT_REDIRECT/);
  return e!.digest!.split(";")[2]!;
}

describe("requireUser / requirePageUser and account status", () => {
  it("a suspended student gets nothing: actions and routes answer ACCOUNT_SUSPENDED, pages go to /suspended", async () => {
    const u = await createUser(db(), { status: "SUSPENDED", balanceFen: 4242n });
    session.userId = u.id;
    await expect(requireUser()).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });
    await expect(requireAbility("self.service")).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });
    expect(await redirectTarget(requirePageUser())).toBe("/suspended");
    expect(await redirectTarget(requirePageUser({ callbackUrl: "/recharge" }))).toBe("/suspended");

    const action = await liveNetworkAction();
    expect(action.data).toBeUndefined();
    expect(action.serverError).toMatchObject({ code: "ACCOUNT_SUSPENDED", message: "ACCOUNT_SUSPENDED" });

    const res = await orderStatusRoute(new Request("http://localhost/api/payments/orders/R1"), { params: Promise.resolve({ orderNo: "R1" }) });
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ code: "ACCOUNT_SUSPENDED" });
    expect(body).not.toContain("4242");
  });

  it("takes effect on the next request: the same session works, then is refused once staff suspend the account", async () => {
    const u = await createUser(db(), { balanceFen: 1000n });
    session.userId = u.id;
    expect((await requireUser()).id).toBe(u.id);
    expect((await liveNetworkAction()).serverError).toBeUndefined();
    await db().user.update({ where: { id: u.id }, data: { status: "SUSPENDED" } });
    await expect(requireUser()).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });
    expect((await liveNetworkAction()).serverError).toMatchObject({ code: "ACCOUNT_SUSPENDED" });
    // Restored: back at once.
    await db().user.update({ where: { id: u.id }, data: { status: "ACTIVE" } });
    expect((await requirePageUser()).id).toBe(u.id);
  });

  it("a suspended staff member is refused too, before any role check", async () => {
    const staff = await createUser(db(), { role: "ADMIN", status: "SUSPENDED" });
    session.userId = staff.id;
    await expect(requireAbility("settings.manage")).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });
    expect(await redirectTarget(requirePageUser({ roles: ["ADMIN"], callbackUrl: "/admin" }))).toBe("/suspended");
  });

  it("a PAUSED student (停机保号) still signs in and sees their account", async () => {
    const u = await createUser(db(), { status: "PAUSED" });
    session.userId = u.id;
    expect(await requireUser()).toMatchObject({ id: u.id, status: "PAUSED" });
    expect(await requirePageUser()).toMatchObject({ id: u.id, status: "PAUSED" });
    expect((await liveNetworkAction()).serverError).toBeUndefined();
  });

  it("anonymous is still UNAUTHENTICATED / sent to sign-in", async () => {
    await expect(requireUser()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await redirectTarget(requirePageUser({ callbackUrl: "/recharge" }))).toBe("/signin?callbackUrl=%2Frecharge");
  });
});
