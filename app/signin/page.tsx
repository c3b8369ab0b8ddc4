import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/safe-url";
import { SignInButton } from "@/modules/accounts/components/sign-in-button";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const user = await getSessionUser().catch(() => null);
  if (user) redirect(callbackUrl);
  const [t, te] = await Promise.all([getTranslations("auth"), getTranslations("errors")]);
  const error = typeof params.error === "string" ? params.error : null;
  return (
    <main className="flex min-h-dvh items-center justify-center bg-gradient-to-b from-sky-50 to-slate-100 px-4">
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 shadow-lg">
        <div className="mb-6 text-center">
          <div className="mx-auto mb-3 flex h-14 w-14 items-center justify-center rounded-2xl bg-sky-700 text-2xl text-white" aria-hidden>
            ⌁
          </div>
          <h1 className="text-xl font-bold text-slate-900">{t("heading")}</h1>
          <p className="mt-2 text-sm text-slate-500">{t("intro")}</p>
        </div>
        {error ? (
          <p role="alert" className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error === "IdentityConflict" ? te("IDENTITY_CONFLICT") : t("error")}
          </p>
        ) : null}
        <SignInButton callbackUrl={callbackUrl} label={t("button")} pendingLabel={t("redirecting")} />
        <p className="mt-6 text-center text-xs text-slate-500">{t("noPassword")}</p>
      </div>
    </main>
  );
}
