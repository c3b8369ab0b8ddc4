import "server-only";
// next-auth v4 with the campus OIDC provider (统一身份认证). Role and 学号 come from IdP
// claims at sign-in and are stored on the user; every guard re-reads the user from the
// database, so a role change or suspension takes effect at once.
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { roleFromClaim, rolesFor, type Ability } from "@/lib/roles";
import { sameOriginRedirect } from "@/lib/safe-url";
import { getSessionUserById, getSessionUserByOidcSub, upsertUserFromClaims, type SessionUser } from "@/modules/accounts/service";

type Claims = Record<string, unknown> & { sub: string; name?: string; email?: string };

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 3600 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    {
      id: "campus",
      name: env.OIDC_PROVIDER_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: env.OIDC_SCOPE } },
      idToken: true,
      checks: ["pkce", "state"],
      // Profile claims live in /userinfo, not in the id_token (oidc-provider's default).
      userinfo: {
        async request({ tokens, client }) {
          return client.userinfo(tokens.access_token!);
        },
      },
      profile(profile: Claims) {
        return { id: profile.sub, name: profile.name ?? null, email: profile.email ?? null };
      },
    },
  ],
  callbacks: {
    // Only back to our own origin after sign-in/out (next-auth's default is looser about "//" and control characters).
    redirect({ url, baseUrl }) {
      return sameOriginRedirect(url, baseUrl);
    },
    // Links the IdP identity to an account by its `sub` only (modules/accounts); a 学号 claim
    // that would take over another identity's account is refused here, with its own message.
    async signIn({ account, profile }) {
      if (!account || !profile) return false;
      const claims = profile as unknown as Claims;
      const studentNo = String(claims[env.OIDC_STUDENT_NO_CLAIM] ?? "").trim();
      if (!studentNo) throw new Error("the IdP sent no student number claim");
      try {
        await upsertUserFromClaims({
          sub: String(claims.sub),
          studentNo,
          name: String(claims.name ?? studentNo),
          role: roleFromClaim(claims[env.OIDC_ROLE_CLAIM]),
          email: typeof claims.email === "string" ? claims.email : null,
          college: typeof claims.college === "string" ? claims.college : null,
        });
      } catch (e) {
        if (isAppError(e) && e.code === "IDENTITY_CONFLICT") return "/signin?error=IdentityConflict";
        throw e;
      }
      return true;
    },
    async jwt({ token, account, profile }) {
      if (account && profile) {
        const user = await getSessionUserByOidcSub(String((profile as unknown as Claims).sub));
        if (!user) throw new Error("signed in without a linked account");
        token.uid = user.id;
        token.role = user.role;
        token.studentNo = user.studentNo;
        token.name = user.name;
        token.idToken = account.id_token;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        ...session.user,
        name: token.name ?? null,
        id: String(token.uid ?? ""),
        role: token.role as Role,
        studentNo: String(token.studentNo ?? ""),
      };
      return session;
    },
  },
};

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; studentNo: string; name?: string | null; email?: string | null; image?: string | null };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    studentNo?: string;
    idToken?: string;
  }
}

/** The signed-in user, re-read from the database; null when anonymous or unknown. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return getSessionUserById(id);
});

/** For pages and layouts: anonymous → sign-in (and back), suspended → /suspended, wrong role → 403. */
export async function requirePageUser(opts: { roles?: readonly Role[]; callbackUrl?: string } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(opts.callbackUrl ?? "/")}`);
  // Suspended (decision 003): no data at all, from the next request on. PAUSED (停机保号) signs in as usual.
  // CLOSED (graduated, modules/lifecycle) lands there too: no data, whom to contact.
  if (user.status === "SUSPENDED" || user.status === "CLOSED") redirect("/suspended");
  if (opts.roles && !opts.roles.includes(user.role)) forbidden();
  return user;
}

/** For actions and route handlers: typed errors instead of redirects. */
export async function requireUser(roles?: readonly Role[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED");
  if (user.status === "SUSPENDED" || user.status === "CLOSED") throw new AppError("ACCOUNT_SUSPENDED");
  if (roles && !roles.includes(user.role)) throw new AppError("FORBIDDEN");
  return user;
}

/**
 * The guard at the top of every staff page, before any data is read: anonymous → sign-in
 * (and back to `callbackUrl`), a role without `ability` (lib/roles.ts) → 403. A layout's
 * check is no guard: the App Router renders a page beside its layout.
 */
export async function requireStaff(ability: Ability, callbackUrl = "/admin"): Promise<SessionUser> {
  return requirePageUser({ roles: rolesFor(ability), callbackUrl });
}

/** For route handlers and action clients: `ability` from lib/roles.ts, typed errors. */
export async function requireAbility(ability: Ability): Promise<SessionUser> {
  return requireUser(rolesFor(ability));
}
