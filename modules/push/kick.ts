import "server-only";
// Run the push-delivery job now, beside its schedule (after a notification a person just caused:
// a test alert, an office notice). Never awaited and never fails the caller: the next scheduled
// run delivers anyway.
import { env } from "@/lib/env";
import { enqueueJob } from "@/modules/jobs/queue";

export function kickPushDelivery(): void {
  if (env.WEB_PUSH === "off") return;
  void enqueueJob("push-delivery", {}).catch((e: unknown) => console.warn("[push] could not queue a delivery run now:", e));
}
