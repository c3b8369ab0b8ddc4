import "server-only";
// 网络中心通知: a notice from the network office to every active student, a cohort (enrollment
// year — the 学号's first four digits — and/or college) or one 学号. Sending records one
// OFFICE_NOTICE notification per student in one INSERT … SELECT (50,000 students is one
// statement, not a loop) with the dedupe key `notice:<id>`, keeps the notice (office_notices),
// audits it, all in one transaction; then the push-delivery job is asked to run now. The form's
// random key makes a double submission send once. Who may send: "notices.send" (lib/roles.ts).
import { now as clockNow } from "@/lib/clock";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/modules/audit/service";
import { kickPushDelivery } from "@/modules/push/kick";
import type { Audience, NoticeText } from "./schemas";

/** The notification kind a notice is recorded as (modules/notifications/components/notification-view.ts). */
const KIND = "OFFICE_NOTICE";

/** The students an audience names, as a condition on `users u`. */
function audienceWhere(a: Audience): Prisma.Sql {
  switch (a.audience) {
    case "ALL":
      return Prisma.sql`u."role" = 'STUDENT' AND u."status" = 'ACTIVE'`;
    case "COHORT":
      return Prisma.sql`u."role" = 'STUDENT' AND u."status" = 'ACTIVE'
        AND (${a.year}::text IS NULL OR left(u."studentNo", 4) = ${a.year}::text)
        AND (${a.college}::text IS NULL OR u."college" = ${a.college}::text)`;
    case "STUDENT":
      // one student by name: whatever the account's state (the office may write to a suspended student)
      return Prisma.sql`u."role" = 'STUDENT' AND u."studentNo" = ${a.studentNo}`;
  }
}

async function countAudience(a: Audience): Promise<number> {
  const [r] = await db().$queryRaw<{ n: number }[]>`SELECT COUNT(*)::int AS "n" FROM "users" u WHERE ${audienceWhere(a)}`;
  return r?.n ?? 0;
}

/** How many students a notice to this audience reaches now (the form's preview). */
export async function previewNotice(a: Audience): Promise<{ recipients: number }> {
  const recipients = await countAudience(a);
  if (a.audience === "STUDENT" && recipients === 0) throw new AppError("NOTICE_STUDENT_NOT_FOUND", { studentNo: a.studentNo });
  return { recipients };
}

export interface SentNotice {
  id: string;
  /** false: this form's key was sent already (a double submission); nothing was sent again */
  created: boolean;
  recipients: number;
}

/** Sends a notice: one notification per student of the audience, the notice kept and audited. */
export async function sendNotice(staff: Actor, a: Audience, text: NoticeText, key: string, now = clockNow()): Promise<SentNotice> {
  const t = {
    titleZh: text.titleZh.trim(),
    textZh: text.textZh.trim(),
    titleEn: text.titleEn?.trim() || null,
    textEn: text.textEn?.trim() || null,
  };
  const year = a.audience === "COHORT" ? a.year : null;
  const college = a.audience === "COHORT" ? a.college : null;
  const studentNo = a.audience === "STUDENT" ? a.studentNo : null;
  const out = await db().$transaction(
    async (tx) => {
      const inserted = await tx.$queryRaw<{ id: bigint }[]>`
        INSERT INTO "office_notices" ("senderId", "audience", "year", "college", "studentNo", "titleZh", "textZh", "titleEn", "textEn", "recipients", "idempotencyKey", "createdAt")
        VALUES (${staff.id}::uuid, ${a.audience}, ${year}, ${college}, ${studentNo}, ${t.titleZh}, ${t.textZh}, ${t.titleEn}, ${t.textEn}, 0, ${`notice:${key}`}, ${now}::timestamptz)
        ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING "id"`;
      const id = inserted[0]?.id;
      if (id === undefined) {
        const earlier = await tx.officeNotice.findUniqueOrThrow({ where: { idempotencyKey: `notice:${key}` }, select: { id: true, recipients: true } });
        return { id: earlier.id.toString(), created: false, recipients: earlier.recipients };
      }
      // what the centre and the push show (notification-view.ts): the zh-CN text, and the English one if given
      const data = JSON.stringify({ noticeId: id.toString(), title: t.titleZh, body: t.textZh, titleEn: t.titleEn, bodyEn: t.textEn });
      const recipients = await tx.$executeRaw`
        INSERT INTO "notifications" ("userId", "kind", "dedupeKey", "data", "createdAt")
        SELECT u."id", ${KIND}, ${`notice:${id}`}, ${data}::jsonb, ${now}::timestamptz
        FROM "users" u WHERE ${audienceWhere(a)}
        ON CONFLICT ("userId", "dedupeKey") DO NOTHING`;
      if (recipients === 0) {
        if (a.audience === "STUDENT") throw new AppError("NOTICE_STUDENT_NOT_FOUND", { studentNo: a.studentNo });
        throw new AppError("NOTICE_NO_RECIPIENTS");
      }
      await tx.officeNotice.update({ where: { id }, data: { recipients } });
      const subject = a.audience === "STUDENT" ? await tx.user.findUnique({ where: { studentNo: a.studentNo }, select: { id: true } }) : null;
      await recordAudit(
        {
          actorId: staff.id,
          subjectId: subject?.id ?? null,
          action: "staff.notice.send",
          data: { noticeId: id, audience: a.audience, year, college, studentNo, recipients, title: t.titleZh, hasEnglish: t.titleEn !== null },
        },
        tx,
      );
      return { id: id.toString(), created: true, recipients };
    },
    { timeout: 60_000 },
  );
  if (out.created) kickPushDelivery();
  return out;
}

export const NOTICES_PAGE_SIZE = 20;

export interface NoticeRow {
  id: string;
  createdAt: Date;
  senderName: string;
  senderNo: string;
  audience: Audience;
  titleZh: string;
  textZh: string;
  titleEn: string | null;
  recipients: number;
}

/** The notices sent, newest first, one page at a time. */
export async function listNotices(page: number): Promise<{ rows: NoticeRow[]; total: number }> {
  const skip = (Math.max(1, Math.trunc(page)) - 1) * NOTICES_PAGE_SIZE;
  const [total, rows] = await Promise.all([
    db().officeNotice.count(),
    db().officeNotice.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip,
      take: NOTICES_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        audience: true,
        year: true,
        college: true,
        studentNo: true,
        titleZh: true,
        textZh: true,
        titleEn: true,
        recipients: true,
        sender: { select: { name: true, studentNo: true } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt,
      senderName: r.sender.name,
      senderNo: r.sender.studentNo,
      audience:
        r.audience === "STUDENT"
          ? { audience: "STUDENT", studentNo: r.studentNo ?? "" }
          : r.audience === "COHORT"
            ? { audience: "COHORT", year: r.year, college: r.college }
            : { audience: "ALL" },
      titleZh: r.titleZh,
      textZh: r.textZh,
      titleEn: r.titleEn,
      recipients: r.recipients,
    })),
  };
}

/** The colleges students belong to, for the form's choices. */
export async function listColleges(): Promise<string[]> {
  const rows = await db().$queryRaw<{ college: string }[]>`
    SELECT DISTINCT "college" FROM "users" WHERE "role" = 'STUDENT' AND "college" IS NOT NULL ORDER BY "college" LIMIT 200`;
  return rows.map((r) => r.college);
}
