"use server";
import { revalidatePath } from "next/cache";
import { revalidateStudentPages } from "@/lib/revalidate";
import { appealsAction, studentAction } from "@/lib/safe-action";
import { decideAppealSchema, fileAppealSchema } from "./schemas";
import { decideAppeal, fileAppeal } from "./service";

/** 误操作申诉: the signed-in student appeals one of their own exchanges. */
export const fileAppealAction = studentAction.inputSchema(fileAppealSchema).action(async ({ parsedInput, ctx }) => {
  const r = await fileAppeal(ctx.user.id, parsedInput.holdingId, parsedInput.reason);
  revalidateStudentPages();
  return { appealId: r.appealId, state: r.state };
});

/** Staff decide a pending appeal from the queue (/admin/queues/appeals): approve (refund) or refuse, with a reason. */
export const decideAppealAction = appealsAction.inputSchema(decideAppealSchema).action(async ({ parsedInput, ctx }) => {
  const d = await decideAppeal({ appealId: parsedInput.appealId, staffId: ctx.user.id, approve: parsedInput.approve, reason: parsedInput.reason });
  revalidatePath("/admin/queues", "layout");
  revalidatePath("/admin", "page");
  return { state: d.state, refundedFen: d.refundedFen.toString() };
});
