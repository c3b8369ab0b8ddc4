"use server";
// Web Push from the notification centre's card: the signed-in user's own subscriptions and
// preferences only (studentAction checks who is asking; the services take ctx.user.id).
import { studentAction } from "@/lib/safe-action";
import { kickPushDelivery } from "./kick";
import { deleteSubscriptionSchema, saveSubscriptionSchema, setPreferenceSchema } from "./schemas";
import { deleteSubscription, saveSubscription, sendTestNotification, setPreference } from "./service";

export const savePushSubscriptionAction = studentAction.inputSchema(saveSubscriptionSchema).action(async ({ parsedInput, ctx }) => {
  const r = await saveSubscription(ctx.user.id, parsedInput);
  return { id: r.id };
});

export const deletePushSubscriptionAction = studentAction.inputSchema(deleteSubscriptionSchema).action(async ({ parsedInput, ctx }) => {
  await deleteSubscription(ctx.user.id, parsedInput.endpoint);
  return { deleted: true };
});

export const setPushPreferenceAction = studentAction.inputSchema(setPreferenceSchema).action(async ({ parsedInput, ctx }) => {
  await setPreference(ctx.user.id, parsedInput.kind, parsedInput.enabled);
  return { kind: parsedInput.kind, enabled: parsedInput.enabled };
});

export const sendTestPushAction = studentAction.action(async ({ ctx }) => {
  await sendTestNotification(ctx.user.id);
  kickPushDelivery();
  return { sent: true };
});
