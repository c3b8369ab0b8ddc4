// The notification centre's reads and writes: a student lists, counts and marks only their own
// notifications; another student's id is refused (through the real server action, the session
// stubbed as in modules/accounts/accounts.int.test.ts).
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
vi.mock("@/lib/revalidate", () => ({ revalidateStudentPages: () => {} }));

import { createUser } from "@/dev/factory";
import { db } from "@/lib/db";
import { markNotificationsReadAction } from "./actions";
import { countUnreadNotifications, listNotifications, markNotificationsRead, recordNotification } from "./service";

afterAll(async () => {
  await db().$disconnect();
});
beforeEach(() => {
  session.userId = null;
});

async function studentWith(kinds: string[]) {
  const u = await createUser(db());
  for (const [i, kind] of kinds.entries()) {
    await recordNotification(db(), { userId: u.id, kind, dedupeKey: `t:${i}`, data: { month: "2026-12" } }, new Date(Date.UTC(2026, 11, 1, 0, i)));
  }
  const ids = (await listNotifications(u.id)).map((n) => n.id);
  return { ...u, ids };
}

describe("notification centre service", () => {
  it("lists newest first and counts only the student's own unread notifications", async () => {
    const a = await studentWith(["PLAN_FAILED", "APPEAL_REFUSED", "DEVICE_LIMIT"]);
    const b = await studentWith(["QUOTA_80"]);
    expect((await listNotifications(a.id)).map((n) => n.kind)).toEqual(["DEVICE_LIMIT", "APPEAL_REFUSED", "PLAN_FAILED"]);
    expect(await countUnreadNotifications(a.id)).toBe(3);
    expect(await countUnreadNotifications(b.id)).toBe(1);
    // the hidden false 80 % notice is not counted either
    await recordNotification(db(), { userId: b.id, kind: "QUOTA_80", dedupeKey: "false80", data: { usedBytes: "10", grantedBytes: "10" } });
    expect(await countUnreadNotifications(b.id)).toBe(1);
  });

  it("marks one, then all, of the student's own; another student's are untouched", async () => {
    const a = await studentWith(["PLAN_WARNING", "PLAN_BOOKED", "APPEAL_APPROVED"]);
    const b = await studentWith(["QUOTA_100", "DEVICE_LIMIT"]);
    expect(await markNotificationsRead(a.id, [a.ids[0]!])).toBe(1);
    expect(await countUnreadNotifications(a.id)).toBe(2);
    expect((await listNotifications(a.id)).find((n) => n.id === a.ids[0])?.readAt).toBeInstanceOf(Date);
    expect(await markNotificationsRead(a.id)).toBe(2);
    expect(await countUnreadNotifications(a.id)).toBe(0);
    expect(await countUnreadNotifications(b.id)).toBe(2);
  });

  it("refuses another student's id (or one that does not exist) and marks nothing", async () => {
    const a = await studentWith(["PLAN_FAILED"]);
    const b = await studentWith(["APPEAL_REFUSED", "QUOTA_80"]);
    await expect(markNotificationsRead(a.id, [b.ids[0]!])).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markNotificationsRead(a.id, [a.ids[0]!, b.ids[0]!])).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(markNotificationsRead(a.id, ["9999999999999999999"])).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await countUnreadNotifications(a.id)).toBe(1);
    expect(await countUnreadNotifications(b.id)).toBe(2);
  });

  it("the server action marks the signed-in student's own and refuses another student's id", async () => {
    const a = await studentWith(["PLAN_FAILED", "DEVICE_LIMIT"]);
    const b = await studentWith(["APPEAL_APPROVED"]);
    session.userId = a.id;
    const refused = await markNotificationsReadAction({ ids: [b.ids[0]!] });
    expect(refused?.data).toBeUndefined();
    expect(refused?.serverError).toMatchObject({ code: "NOT_FOUND" });
    expect(await countUnreadNotifications(b.id)).toBe(1);

    expect((await markNotificationsReadAction({ ids: [a.ids[0]!] }))?.data).toEqual({ count: 1 });
    expect((await markNotificationsReadAction({}))?.data).toEqual({ count: 1 });
    expect(await countUnreadNotifications(a.id)).toBe(0);
    expect(await countUnreadNotifications(b.id)).toBe(1);

    session.userId = null;
    expect((await markNotificationsReadAction({}))?.serverError).toBeTruthy();
  });
});
