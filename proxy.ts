// Only redirects the anonymous to sign-in (and back afterwards). Every layout, action client
// and route handler checks again, including roles and ownership (STYLE.md habit 6).
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((c) => request.cookies.has(c));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callbackUrl = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except sign-in, auth/API endpoints, the PWA files and static assets.
  matcher: ["/((?!signin|signed-out|sandbox-pay|api/|serwist/|_next/|~offline|manifest.webmanifest|icons/|favicon.ico|robots.txt).*)"],
};
