"use server";
// Mark notifications as read (the signed-in student's own, all of them or the ids given) and page
// through them ("load more" on /notifications).
import { getLocale } from "next-intl/server";
import { revalidateStudentPages } from "@/lib/revalidate";
import { z } from "zod";
import { studentAction } from "@/lib/safe-action";
import { NOTIFICATIONS_PAGE_SIZE, toNotificationView } from "./components/notification-view";
import { listNotificationsPage, markNotificationsRead } from "./service";

const markReadSchema = z.object({
  ids: z
    .array(z.string().regex(/^\d{1,19}$/))
    .min(1)
    .max(100)
    .optional(),
});

export const markNotificationsReadAction = studentAction.inputSchema(markReadSchema).action(async ({ parsedInput, ctx }) => {
  const count = await markNotificationsRead(ctx.user.id, parsedInput.ids);
  revalidateStudentPages();
  return { count };
});

const pageSchema = z.object({
  /** the last notification shown (NotificationPage.nextCursor): the page is the ones older than it */
  before: z.string().regex(/^\d{1,19}$/),
  /** more than one page at once: reloading what a "load more" had shown after a refresh */
  take: z.number().int().min(1).max(200).optional(),
});

/** The next older notifications of the signed-in student, ready to show; another student's cursor gives none. */
export const loadMoreNotificationsAction = studentAction.inputSchema(pageSchema).action(async ({ parsedInput, ctx }) => {
  const [locale, page] = await Promise.all([
    getLocale(),
    listNotificationsPage(ctx.user.id, { before: parsedInput.before, take: parsedInput.take ?? NOTIFICATIONS_PAGE_SIZE }),
  ]);
  return { items: page.rows.map((n) => toNotificationView(n, locale)), nextCursor: page.nextCursor };
});
