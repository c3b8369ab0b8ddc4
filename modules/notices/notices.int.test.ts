// 网络中心通知: who a notice reaches (every active student, a year/college cohort, one 学号), a
// double submission sends once, bad input sends nothing, only staff with "notices.send" may send
// (through the real server actions, the session stubbed as in modules/accounts), every notice is
// audited, and the office's own text reaches the student — in the centre and on the phone — in
// the student's language.
import { randomInt, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.WEB_PUSH = "on";
  process.env.PUSH_SERVICE_HOSTS = "127.0.0.1";
  process.env.VAPID_KEYS_FILE = `${process.env.TMPDIR ?? "/tmp"}/campusnet-notices-int-${process.pid}/vapid-keys.json`;
  delete process.env.VAPID_PUBLIC_KEY;
  delete process.env.VAPID_PRIVATE_KEY;
});
const session = vi.hoisted(() => ({ userId: null as string | null }));
const kicks = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// the job queue is another test's business: count the "run push delivery now" calls
vi.mock("@/modules/push/kick", () => ({ kickPushDelivery: () => void kicks.count++ }));

import { createUser, uniqueStudentNo } from "@/dev/factory";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { toNotificationView } from "@/modules/notifications/components/notification-view";
import { listNotifications } from "@/modules/notifications/service";
import { runPushDelivery } from "@/modules/push/delivery.service";
import { saveSubscription } from "@/modules/push/service";
import { startTestPushService, type TestPushService } from "@/modules/push/test-push-service";
import { vapidConfig } from "@/modules/push/vapid";
import { previewNoticeAction, sendNoticeAction } from "./actions";
import { sendNoticeSchema, type Audience } from "./schemas";
import { listNotices, previewNotice, sendNotice } from "./service";

let push: TestPushService;
beforeAll(async () => {
  push = await startTestPushService({ vapidPublicKey: () => vapidConfig()!.publicKey });
});
afterAll(async () => {
  await push.close();
  await db().$disconnect();
  rmSync(path.dirname(process.env.VAPID_KEYS_FILE!), { recursive: true, force: true });
});
beforeEach(() => {
  session.userId = null;
});

const text = (title = "停网维护", body = "12 月 5 日 2:00–4:00 宿舍区停网维护。") => ({ titleZh: title, textZh: body, titleEn: "", textEn: "" });

/** A cohort of our own: a year nobody else uses and a college with a unique name. */
async function cohort() {
  const year = String(1000 + randomInt(1000));
  const college = `测试学院-${randomUUID().slice(0, 8)}`;
  const otherCollege = `${college}-乙`;
  const no = (y: string) => `${y}${String(randomInt(1e9)).padStart(9, "0")}`;
  const s1 = await createUser(db(), { studentNo: no(year), college });
  const s2 = await createUser(db(), { studentNo: no(year), college });
  const olderYear = await createUser(db(), { studentNo: no(String(Number(year) - 1)), college });
  const suspended = await createUser(db(), { studentNo: no(year), college, status: "SUSPENDED" });
  const paused = await createUser(db(), { studentNo: no(year), college, status: "PAUSED" });
  const elsewhere = await createUser(db(), { studentNo: no(year), college: otherCollege });
  const staffThere = await createUser(db(), { studentNo: `T${randomInt(1e8)}`, college, role: "OPERATOR" });
  return { year, college, otherCollege, s1, s2, olderYear, suspended, paused, elsewhere, staffThere };
}

const noticesOf = (userId: string) => db().notification.findMany({ where: { userId, kind: "OFFICE_NOTICE" }, select: { dedupeKey: true, data: true } });

describe("audience", () => {
  it("counts every active student, a year and/or college of active students, or one 学号 of any state", async () => {
    const c = await cohort();
    const cohortOf = (year: string | null, college: string | null): Audience => ({ audience: "COHORT", year, college });
    expect(await previewNotice(cohortOf(c.year, c.college))).toEqual({ recipients: 2 });
    expect(await previewNotice(cohortOf(null, c.college))).toEqual({ recipients: 3 });
    expect(await previewNotice(cohortOf(c.year, null))).toEqual({ recipients: 3 }); // s1, s2, elsewhere
    expect(await previewNotice(cohortOf(c.year, c.otherCollege))).toEqual({ recipients: 1 });
    expect(await previewNotice(cohortOf("0999", c.college))).toEqual({ recipients: 0 });

    const active = await db().user.count({ where: { role: "STUDENT", status: "ACTIVE" } });
    expect(await previewNotice({ audience: "ALL" })).toEqual({ recipients: active });

    expect(await previewNotice({ audience: "STUDENT", studentNo: c.suspended.studentNo })).toEqual({ recipients: 1 });
    // staff are never an audience, and an unknown 学号 is said so
    await expect(previewNotice({ audience: "STUDENT", studentNo: c.staffThere.studentNo })).rejects.toMatchObject({ code: "NOTICE_STUDENT_NOT_FOUND" });
    await expect(previewNotice({ audience: "STUDENT", studentNo: uniqueStudentNo() })).rejects.toMatchObject({ code: "NOTICE_STUDENT_NOT_FOUND" });
  });

  it("sends one OFFICE_NOTICE to each student of a cohort and to nobody else, keeps the notice and audits it", async () => {
    const c = await cohort();
    const staff = await createUser(db(), { role: "ADMIN" });
    const kicked = kicks.count;
    const r = await sendNotice(staff, { audience: "COHORT", year: c.year, college: c.college }, text(), randomUUID());
    expect(r).toMatchObject({ created: true, recipients: 2 });
    expect(kicks.count).toBe(kicked + 1);
    for (const s of [c.s1, c.s2])
      expect(await noticesOf(s.id)).toEqual([
        {
          dedupeKey: `notice:${r.id}`,
          data: { noticeId: r.id, title: "停网维护", body: "12 月 5 日 2:00–4:00 宿舍区停网维护。", titleEn: null, bodyEn: null },
        },
      ]);
    for (const s of [c.olderYear, c.suspended, c.paused, c.elsewhere, c.staffThere, staff]) expect(await noticesOf(s.id)).toEqual([]);

    expect(await db().officeNotice.findUniqueOrThrow({ where: { id: BigInt(r.id) } })).toMatchObject({
      senderId: staff.id,
      audience: "COHORT",
      year: c.year,
      college: c.college,
      studentNo: null,
      titleZh: "停网维护",
      recipients: 2,
    });
    expect(await db().auditLog.findMany({ where: { actorId: staff.id, action: "staff.notice.send" }, select: { subjectId: true, data: true } })).toEqual([
      {
        subjectId: null,
        data: { noticeId: r.id, audience: "COHORT", year: c.year, college: c.college, studentNo: null, recipients: 2, title: "停网维护", hasEnglish: false },
      },
    ]);
    // the history lists it first
    expect((await listNotices(1)).rows[0]).toMatchObject({
      id: r.id,
      senderName: staff.name,
      audience: { audience: "COHORT", year: c.year, college: c.college },
      recipients: 2,
    });
  });

  it("to every active student: one statement for all of them, the suspended left out", async () => {
    const c = await cohort();
    const staff = await createUser(db(), { role: "OPERATOR" });
    const active = await db().user.count({ where: { role: "STUDENT", status: "ACTIVE" } });
    const r = await sendNotice(staff, { audience: "ALL" }, text("全体通知"), randomUUID());
    expect(r.recipients).toBe(active);
    expect(await db().notification.count({ where: { dedupeKey: `notice:${r.id}` } })).toBe(active);
    expect(await noticesOf(c.s1.id)).toHaveLength(1);
    expect(await noticesOf(c.suspended.id)).toEqual([]);
    expect(await noticesOf(c.paused.id)).toEqual([]);
  });
});

describe("a double submission sends once", () => {
  it("the same form key, one after the other or at the same time, gives one notice and one notification per student", async () => {
    const c = await cohort();
    const staff = await createUser(db(), { role: "ADMIN" });
    const target: Audience = { audience: "COHORT", year: null, college: c.college };
    const key = randomUUID();
    const kicked = kicks.count;
    const first = await sendNotice(staff, target, text(), key);
    const again = await sendNotice(staff, target, text(), key);
    expect(again).toEqual({ id: first.id, created: false, recipients: 3 });
    expect(kicks.count).toBe(kicked + 1);

    const key2 = randomUUID();
    const both = await Promise.all([sendNotice(staff, target, text("二"), key2), sendNotice(staff, target, text("二"), key2)]);
    expect(both.map((b) => b.created).sort()).toEqual([false, true]);
    expect(both[0]!.id).toBe(both[1]!.id);

    for (const s of [c.s1, c.s2, c.olderYear]) expect(await noticesOf(s.id)).toHaveLength(2);
    expect(await db().officeNotice.count({ where: { senderId: staff.id } })).toBe(2);
    expect(await db().auditLog.count({ where: { actorId: staff.id, action: "staff.notice.send" } })).toBe(2);
  });
});

describe("bad input sends nothing", () => {
  it("refuses empty or long texts, half an English version, an odd year or 学号, and a cohort without year or college", () => {
    const ok = { target: { audience: "ALL" }, text: text(), key: randomUUID() };
    expect(sendNoticeSchema.safeParse(ok).success).toBe(true);
    const issues = (input: unknown) => {
      const r = sendNoticeSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(issues({ ...ok, text: { ...text(), titleZh: "  " } })).toEqual(["titleZh"]);
    expect(issues({ ...ok, text: { ...text(), titleZh: "通".repeat(61) } })).toEqual(["titleZh"]);
    expect(issues({ ...ok, text: { ...text(), titleZh: "通".repeat(60) } })).toEqual([]);
    expect(issues({ ...ok, text: { ...text(), textZh: "通".repeat(501) } })).toEqual(["textZh"]);
    expect(issues({ ...ok, text: { ...text(), textZh: "😀".repeat(500) } })).toEqual([]); // characters, not UTF-16 units
    expect(issues({ ...ok, text: { ...text(), titleEn: "Maintenance" } })).toEqual(["enPair"]);
    expect(issues({ ...ok, text: { ...text(), textEn: "x".repeat(501), titleEn: "t" } })).toEqual(["textEn"]);
    expect(issues({ ...ok, target: { audience: "COHORT" } })).toEqual(["cohort"]);
    expect(issues({ ...ok, target: { audience: "COHORT", year: "23" } })).toEqual(["year"]);
    expect(issues({ ...ok, target: { audience: "STUDENT", studentNo: "2023-01" } })).toEqual(["studentNo"]);
    expect(issues({ ...ok, target: { audience: "EVERYONE" } })).toEqual(["audience"]);
    expect(issues({ ...ok, key: "again" })).toEqual(["key"]);
  });

  it("an audience with nobody in it, or an unknown 学号, is refused and leaves no notice", async () => {
    const staff = await createUser(db(), { role: "ADMIN" });
    const key = randomUUID();
    const err = await sendNotice(staff, { audience: "COHORT", year: null, college: `无人学院-${randomUUID()}` }, text(), key).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("NOTICE_NO_RECIPIENTS");
    const nobody = uniqueStudentNo();
    const err2 = await sendNotice(staff, { audience: "STUDENT", studentNo: nobody }, text(), randomUUID()).catch((e: unknown) => e);
    expect(isAppError(err2) && err2.code).toBe("NOTICE_STUDENT_NOT_FOUND");
    expect(await db().officeNotice.count({ where: { senderId: staff.id } })).toBe(0);
    expect(await db().auditLog.count({ where: { actorId: staff.id } })).toBe(0);
  });
});

describe("only staff with notices.send", () => {
  it("student and finance are refused (nothing sent); operator and admin send; invalid input is a validation error", async () => {
    const target = await createUser(db());
    const input = (key: string) => ({ target: { audience: "STUDENT" as const, studentNo: target.studentNo }, text: text("通知"), key });
    for (const role of ["STUDENT", "FINANCE"] as const) {
      const u = await createUser(db(), { role });
      session.userId = u.id;
      expect((await sendNoticeAction(input(randomUUID())))?.serverError?.code).toBe("FORBIDDEN");
      expect((await previewNoticeAction({ target: { audience: "ALL" } }))?.serverError?.code).toBe("FORBIDDEN");
    }
    session.userId = null;
    expect((await sendNoticeAction(input(randomUUID())))?.serverError?.code).toBe("UNAUTHENTICATED");
    expect(await noticesOf(target.id)).toEqual([]);

    for (const role of ["OPERATOR", "ADMIN"] as const) {
      const u = await createUser(db(), { role });
      session.userId = u.id;
      expect((await previewNoticeAction({ target: { audience: "STUDENT", studentNo: target.studentNo } }))?.data).toEqual({ recipients: 1 });
      const sent = await sendNoticeAction(input(randomUUID()));
      expect(sent?.data).toMatchObject({ created: true, recipients: 1 });
      expect(await db().auditLog.findFirst({ where: { actorId: u.id, action: "staff.notice.send" }, select: { subjectId: true } })).toEqual({
        subjectId: target.id,
      });
      const bad = await sendNoticeAction({ ...input(randomUUID()), text: { ...text(), titleZh: "" } } as never);
      expect(bad?.validationErrors).toBeTruthy();
      expect(bad?.data).toBeUndefined();
    }
    expect(await noticesOf(target.id)).toHaveLength(2);
  });
});

describe("the office's text reaches the student in their language", () => {
  it("in the centre and on the phone: English for an English device when the office wrote it, Chinese otherwise", async () => {
    const c = await cohort();
    const staff = await createUser(db(), { role: "OPERATOR" });
    const enDevice = push.subscribe();
    const zhDevice = push.subscribe();
    await saveSubscription(c.s1.id, { endpoint: enDevice.endpoint, keys: enDevice.keys, locale: "en" });
    await saveSubscription(c.s2.id, { endpoint: zhDevice.endpoint, keys: zhDevice.keys, locale: "zh-CN" });
    const outsider = push.subscribe();
    await saveSubscription(c.elsewhere.id, { endpoint: outsider.endpoint, keys: outsider.keys, locale: "en" });

    const words = {
      titleZh: "宿舍区停网维护",
      textZh: "12 月 5 日 2:00–4:00 停网。",
      titleEn: "Dormitory network maintenance",
      textEn: "No network on 5 Dec, 2:00–4:00.",
    };
    const r = await sendNotice(staff, { audience: "COHORT", year: c.year, college: c.college }, words, randomUUID());
    expect(r.recipients).toBe(2);

    // the centre: the page's language picks the text
    const [row] = await listNotifications(c.s1.id);
    expect(toNotificationView(row!, "en").values).toEqual({ title: "Dormitory network maintenance", body: "No network on 5 Dec, 2:00–4:00." });
    expect(toNotificationView(row!, "zh-CN").values).toEqual({ title: "宿舍区停网维护", body: "12 月 5 日 2:00–4:00 停网。" });

    // the phone: the subscription's language
    await runPushDelivery();
    expect(push.received(enDevice).map((p) => p.payload)).toEqual([
      expect.objectContaining({
        kind: "OFFICE_NOTICE",
        title: "Network office: Dormitory network maintenance",
        body: "No network on 5 Dec, 2:00–4:00.",
        url: "/notifications",
      }),
    ]);
    expect(push.received(enDevice)[0]!.headers.urgency).toBe("high");
    expect(push.received(zhDevice).map((p) => p.payload)).toEqual([
      expect.objectContaining({ kind: "OFFICE_NOTICE", title: "网络中心通知：宿舍区停网维护", body: "12 月 5 日 2:00–4:00 停网。" }),
    ]);
    expect(push.received(outsider)).toEqual([]);
  });
});
