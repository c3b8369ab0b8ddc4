// After next-auth has cleared our session, end the campus SSO session too (RP-initiated
// logout), so the next sign-in asks who you are — essential on shared computers.
import { NextResponse } from "next/server";
import { env } from "@/lib/env";

let endSessionEndpoint: string | null | undefined;

async function discoverEndSession(): Promise<string | null> {
  if (endSessionEndpoint !== undefined) return endSessionEndpoint;
  try {
    const res = await fetch(`${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`, { cache: "no-store" });
    const doc = (await res.json()) as { end_session_endpoint?: string };
    endSessionEndpoint = typeof doc.end_session_endpoint === "string" ? doc.end_session_endpoint : null;
  } catch {
    return null; // IdP unreachable: try again next time
  }
  return endSessionEndpoint;
}

export async function GET() {
  const home = `${env.NEXTAUTH_URL.replace(/\/$/, "")}/`;
  const end = await discoverEndSession();
  if (!end) return NextResponse.redirect(home);
  const url = new URL(end);
  url.searchParams.set("client_id", env.OIDC_CLIENT_ID);
  url.searchParams.set("post_logout_redirect_uri", home);
  return NextResponse.redirect(url);
}
