"use server";
// Mark quota alerts as read: the signed-in student's own, all of them or the ids given.
import { revalidateStudentPages } from "@/lib/revalidate";
import { z } from "zod";
import { studentAction } from "@/lib/safe-action";
import { markNotificationsRead } from "./service";

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
