import { Info } from "@/components/icons/lucide/info";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { NetworkPasswordForm } from "@/modules/network/components/network-password-form";
import { getNetworkCredentialStatus } from "@/modules/network/service";

export async function generateMetadata() {
  const t = await getTranslations("network.password");
  return { title: t("title") };
}

/** /network/password: set or reset the separate network password (PAP at the portal). */
export default async function NetworkPasswordPage() {
  const user = await requirePageUser({ callbackUrl: "/network/password" });
  const [locale, t, status] = await Promise.all([getLocale(), getTranslations("network.password"), getNetworkCredentialStatus(user.id)]);

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} backHref="/network" backLabel={t("back")} className="mb-1" />
      {status.lockedUntil ? <Alert tone="warning" title={t("status.locked", { time: formatDateTime(status.lockedUntil, locale) })} /> : null}
      <Card className="p-5">
        <p className="text-[0.9375rem] text-slate-700" data-testid="password-status" data-set={status.hasPassword}>
          {status.hasPassword && status.updatedAt ? t("status.set", { date: formatDateTime(status.updatedAt, locale) }) : t("status.notSet")}
        </p>
        <p className="mt-3 flex gap-2 rounded-xl bg-brand-50 px-3.5 py-3 text-sm text-brand-900 ring-1 ring-brand-700/15 ring-inset">
          <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-700" />
          {t("ssoNote")}
        </p>
        <div className="mt-5">
          <NetworkPasswordForm hasPassword={status.hasPassword} studentNo={user.studentNo} />
        </div>
      </Card>
    </div>
  );
}
