// sandbox payment notifications (支付结果通知); see modules/recharge/notify.service.ts.
import { notifyRoute } from "@/modules/recharge/notify-route";

export const dynamic = "force-dynamic";
export const POST = notifyRoute("sandbox");
