// The sandbox gateway's WeChat Pay v3-shaped API over HTTP (the app itself calls it in-process
// through the same handler; this door is for tools and the chaos run). Requests must be signed
// with the merchant key; answers are signed with the sandbox's key.
import { sandboxAllowed } from "@/modules/payments/gateways";
import { handleSandboxApi } from "@/modules/payments/sandbox/service";

export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  if (!sandboxAllowed()) return new Response(null, { status: 404 });
  const url = new URL(req.url);
  const path = url.pathname.replace(/^\/api\/payments\/sandbox/, "");
  const body = req.method === "GET" || req.method === "HEAD" ? "" : await req.text();
  try {
    const res = await handleSandboxApi({ method: req.method, pathWithQuery: `${path}${url.search}`, headers: req.headers, body });
    return new Response(res.status === 204 ? null : res.body, { status: res.status, headers: res.headers });
  } catch (e) {
    console.error("[sandbox] api error:", e);
    return Response.json({ code: "SYSTEM_ERROR", message: "系统错误" }, { status: 500 });
  }
}

export const GET = handle;
export const POST = handle;
