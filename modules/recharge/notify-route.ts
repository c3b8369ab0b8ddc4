import "server-only";
// The notify route handlers of every channel share this: raw body in, the gateway's own reply out.
import { replyResponse } from "@/modules/payments/http";
import { failureReply, handlePaymentNotification } from "./notify-service";

export function notifyRoute(channel: "sandbox" | "wechat" | "alipay") {
  return async function POST(req: Request): Promise<Response> {
    let raw: string;
    try {
      raw = await req.text(); // the RAW body: signatures are over these exact bytes
    } catch {
      return replyResponse({ status: 400, body: "", contentType: "text/plain" });
    }
    try {
      const { reply } = await handlePaymentNotification(channel, raw, req.headers);
      return replyResponse(reply);
    } catch (e) {
      // Only the database can get us here: answer 5xx so the gateway retries later.
      console.error(`[campusnet] ${channel} notification failed:`, e);
      return replyResponse(failureReply(channel));
    }
  };
}
