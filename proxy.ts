// Two jobs for every page: redirect the anonymous to sign-in (and back afterwards), and set
// the Content-Security-Policy with a fresh nonce (plus HSTS in production; lib/security-headers).
// Every page, action client and route handler checks auth again, including roles and
// ownership (STYLE.md habit 6).
import { NextResponse, type NextRequest } from "next/server";
import { currentMode, env } from "@/lib/env";
import { contentSecurityPolicy, makeNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/security-headers";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
/** Pages anyone may see: sign-in, signed-out, the sandbox's pay page, the offline page. */
const PUBLIC_PAGES = /^\/(signin|signed-out|sandbox-pay|~offline)(\/|$)/;

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((c) => request.cookies.has(c));
  if (hasSession || PUBLIC_PAGES.test(request.nextUrl.pathname)) return withSecurityHeaders(request);
  const url = request.nextUrl.clone();
  const callbackUrl = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

function withSecurityHeaders(request: NextRequest) {
  const nonce = makeNonce();
  const mode = currentMode();
  const csp = contentSecurityPolicy(nonce, { dev: mode === "development", https: env.NEXTAUTH_URL.startsWith("https:") });
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (mode === "production") response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Every page, public ones too (they get the CSP); not API endpoints, Next's own files, the
  // PWA files or static assets.
  matcher: ["/((?!api/|serwist/|_next/|__nextjs|manifest.webmanifest|icons/|screenshots/|favicon.ico|robots.txt).*)"],
};
