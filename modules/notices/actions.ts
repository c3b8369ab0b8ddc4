"use server";
// 网络中心通知: thin — validate (zod), authorise (the action client checks "notices.send" in
// lib/roles.ts), call the service.
import { revalidatePath } from "next/cache";
import { noticesAction } from "@/lib/safe-action";
import { previewNoticeSchema, sendNoticeSchema } from "./schemas";
import { previewNotice, sendNotice } from "./service";

export const previewNoticeAction = noticesAction.inputSchema(previewNoticeSchema).action(async ({ parsedInput }) => {
  return previewNotice(parsedInput.target);
});

export const sendNoticeAction = noticesAction.inputSchema(sendNoticeSchema).action(async ({ parsedInput, ctx }) => {
  const r = await sendNotice(ctx.user, parsedInput.target, parsedInput.text, parsedInput.key);
  revalidatePath("/admin/notices");
  return r;
});
