import "server-only";
// The notify route handlers of every channel share this: raw body in, the gateway's own reply out.
import { replyResponse } from "@/lib/http";
import { failureReply, handlePaymentNotification, MAX_NOTIFICATION_BYTES, tooLargeReply } from "./notify.service";

/**
 * The body as text, read from the stream and abandoned as soon as it passes `limit` bytes
 * (null then): anyone can post here, so we never buffer an unbounded body.
 */
export async function readCappedBody(req: Request, limit: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) {
    await req.body?.cancel().catch(() => {});
    return null;
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks, total)); // as req.text() decodes
}

export function notifyRoute(channel: "sandbox" | "wechat" | "alipay") {
  return async function POST(req: Request): Promise<Response> {
    let raw: string | null;
    try {
      raw = await readCappedBody(req, MAX_NOTIFICATION_BYTES); // the RAW body: signatures are over these exact bytes
    } catch {
      return replyResponse({ status: 400, body: "", contentType: "text/plain" });
    }
    if (raw === null) return replyResponse(tooLargeReply(channel));
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
