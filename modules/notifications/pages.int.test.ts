// "Load more" on /notifications: cursor pages of the signed-in student's own notifications, newest
// first with no row twice or left out (ties on the created time broken by id), and a cursor that is
// another student's gives nothing (through the real server action, the session stubbed as in
// notifications.int.test.ts).
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key, getLocale: async () => "en" }));
vi.mock("@/lib/revalidate", () => ({ revalidateStudentPages: () => {} }));

import { createUser } from "@/dev/factory";
import { db } from "@/lib/db";
import { loadMoreNotificationsAction } from "./actions";
import { listNotificationsPage, recordNotification } from "./service";

afterAll(async () => {
  await db().$disconnect();
});
beforeEach(() => {
  session.userId = null;
});

/** `n` notifications; every third pair shares its created time, so the id must break the tie. */
async function studentWith(n: number) {
  const u = await createUser(db());
  for (let i = 0; i < n; i++) {
    const minute = i - (i % 3 === 1 ? 1 : 0);
    await recordNotification(
      db(),
      { userId: u.id, kind: "DEVICE_LIMIT", dedupeKey: `p:${i}`, data: { deviceName: `d${i}` } },
      new Date(Date.UTC(2026, 10, 1, 0, minute)),
    );
  }
  return u;
}

describe("notification pages", () => {
  it("pages through every notification once, newest first, and says when there is no more", async () => {
    const a = await studentWith(23);
    await studentWith(4); // someone else's never show up
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page = await listNotificationsPage(a.id, { before, take: 10 });
      seen.push(...page.rows.map((r) => (r.data as { deviceName: string }).deviceName));
      before = page.nextCursor;
      pages++;
    } while (before && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(23);
    // newest first: d22 … d0, with the tied pairs in id order (the later insert first)
    expect(seen[0]).toBe("d22");
    expect(seen.at(-1)).toBe("d0");
    const exact = await listNotificationsPage(a.id, { take: 23 });
    expect(exact.rows).toHaveLength(23);
    expect(exact.nextCursor).toBeNull();
  });

  it("the action returns the next page for the student's own cursor and nothing for another student's", async () => {
    const a = await studentWith(55);
    const b = await studentWith(3);
    const first = await listNotificationsPage(a.id, { take: 50 });
    expect(first.rows).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();

    session.userId = a.id;
    const more = await loadMoreNotificationsAction({ before: first.nextCursor! });
    expect(more?.serverError).toBeUndefined();
    expect(more?.data?.items.map((n) => n.values.device)).toEqual(["d4", "d3", "d2", "d1", "d0"]);
    expect(more?.data?.items[0]?.key).toBe("DEVICE_LIMIT");
    expect(more?.data?.nextCursor).toBeNull();

    // b holds a's cursor: an empty page, not a's rows
    session.userId = b.id;
    const foreign = await loadMoreNotificationsAction({ before: first.nextCursor! });
    expect(foreign?.data).toEqual({ items: [], nextCursor: null });

    // bad input is a validation error, not a 500; no session is refused
    expect((await loadMoreNotificationsAction({ before: "not-an-id" }))?.validationErrors).toBeDefined();
    session.userId = null;
    const anonymous = await loadMoreNotificationsAction({ before: first.nextCursor! });
    expect(anonymous?.data).toBeUndefined();
    expect(anonymous?.serverError).toBeTruthy();
  });
});
