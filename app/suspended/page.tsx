// Where a suspended account lands (decision 003: suspension takes effect on the next request).
// It shows no account data: only what happened, whom to contact, and a way to sign out.
import { LogOut } from "@/components/icons/lucide/log-out";
import { UserX } from "@/components/icons/lucide/user-x";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { StatusPage } from "@/components/shell/status-page";
import { getSessionUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("auth.suspended");
  // the tab says what the page says: a graduated (CLOSED) account is not a suspension
  const user = await getSessionUser();
  return { title: t(user?.status === "CLOSED" ? "closedTitle" : "title"), robots: { index: false } };
}

export default async function SuspendedPage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  if (user.status !== "SUSPENDED" && user.status !== "CLOSED") redirect("/");
  const [t, tc] = await Promise.all([getTranslations("auth.suspended"), getTranslations("common.actions")]);
  // CLOSED: graduated and settled (modules/lifecycle), not a suspension the office can lift
  const closed = user.status === "CLOSED";
  return (
    <main data-testid="account-suspended">
      <StatusPage icon={<UserX />} title={t(closed ? "closedTitle" : "title")} description={t(closed ? "closedDescription" : "description")}>
        <p className="text-sm text-slate-500">{t(closed ? "closedContact" : "contact")}</p>
        <SignOutButton text={{ signOut: tc("signOut"), signingOut: tc("signingOut") }} icon={<LogOut aria-hidden className="size-4" />} />
      </StatusPage>
    </main>
  );
}
