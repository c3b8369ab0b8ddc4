// The sandbox checkout's buttons (支付 / 取消): a form POST, then back to the merchant's page.
import { env } from "@/lib/env";
import { sameOriginPath } from "@/lib/safe-url";
import { sandboxAllowed } from "@/modules/payments/gateways";
import { cancelTrade, payTrade } from "@/modules/payments/sandbox/service";

export const dynamic = "force-dynamic";

/** Only back to our own site (the merchant's return URL), never to an arbitrary address. */
function safeReturn(value: FormDataEntryValue | null, fallback: string): string {
  return sameOriginPath(value, env.PAYMENT_NOTIFY_BASE_URL ?? env.NEXTAUTH_URL, { allowAbsolute: true }) ?? fallback;
}

export async function POST(req: Request, ctx: { params: Promise<{ outTradeNo: string }> }): Promise<Response> {
  if (!sandboxAllowed()) return new Response(null, { status: 404 });
  const { outTradeNo } = await ctx.params;
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return Response.json({ code: "PARAM_ERROR" }, { status: 400 });
  }
  const action = form.get("action");
  const page = `/sandbox-pay/${encodeURIComponent(outTradeNo)}`;
  const state = action === "pay" ? await payTrade(outTradeNo) : action === "cancel" ? await cancelTrade(outTradeNo) : undefined;
  if (state === undefined) return Response.json({ code: "PARAM_ERROR" }, { status: 400 });
  if (state === null) return Response.json({ code: "ORDER_NOT_EXIST" }, { status: 404 });
  const back = safeReturn(form.get("redirect_url"), "");
  // Like a real checkout: after paying or cancelling, the payer returns to the merchant.
  const target = back || `${page}?done=1`;
  return new Response(null, { status: 303, headers: { Location: target } });
}
