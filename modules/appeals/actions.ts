"use server";
import { revalidateStudentPages } from "@/lib/revalidate";
import { studentAction } from "@/lib/safe-action";
import { fileAppealSchema } from "./schemas";
import { fileAppeal } from "./service";

/** 误操作申诉: the signed-in student appeals one of their own exchanges. */
export const fileAppealAction = studentAction.inputSchema(fileAppealSchema).action(async ({ parsedInput, ctx }) => {
  const r = await fileAppeal(ctx.user.id, parsedInput.holdingId, parsedInput.reason);
  revalidateStudentPages();
  return { appealId: r.appealId, state: r.state };
});
