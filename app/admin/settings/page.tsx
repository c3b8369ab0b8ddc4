import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { ReactNode } from "react";
import { requireStaff } from "@/lib/auth";
import { fenToYuanString } from "@/lib/money";
import { NasClients } from "@/modules/admin/components/nas-clients";
import { QuotaPolicyForm } from "@/modules/admin/components/quota-policy-form";
import { PolicyHistory } from "@/modules/admin/components/policy-history";
import { RechargePolicyForm } from "@/modules/admin/components/recharge-policy-form";
import { ServicePolicyForm } from "@/modules/admin/components/service-policy-form";
import { bytesToGbText, bytesToMbText, kbpsToMbpsText, type PolicyKindParam } from "@/modules/admin/schemas";
import { getPolicyHistory, getQuotaPolicy, getRechargePolicySettings, getServicePolicySettings, listNasClients } from "@/modules/admin/service";

/** The newest revisions shown under each form; the rest on /admin/settings/history/<kind>. */
const RECENT = 5;

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  await requireStaff("settings.manage", "/admin/settings");
  const [t, quota, recharge, service, nas, quotaHistory, rechargeHistory, serviceHistory] = await Promise.all([
    getTranslations("settings"),
    getQuotaPolicy(),
    getRechargePolicySettings(),
    getServicePolicySettings(),
    listNasClients(),
    getPolicyHistory("quota", { limit: RECENT }),
    getPolicyHistory("recharge", { limit: RECENT }),
    getPolicyHistory("service", { limit: RECENT }),
  ]);

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />

      <PolicySection kind="quota" title={t("quota.title")} description={t("quota.description")} history={quotaHistory} t={t}>
        <QuotaPolicyForm
          initial={{
            freeMonthlyGb: bytesToGbText(quota.freeMonthlyBytes),
            highSpeedDownMbps: kbpsToMbpsText(quota.highSpeedDownKbps),
            highSpeedUpMbps: kbpsToMbpsText(quota.highSpeedUpKbps),
            throttledDownMbps: kbpsToMbpsText(quota.throttledDownKbps),
            throttledUpMbps: kbpsToMbpsText(quota.throttledUpKbps),
            reason: "",
          }}
        />
      </PolicySection>

      <PolicySection kind="recharge" title={t("recharge.title")} description={t("recharge.description")} history={rechargeHistory} t={t}>
        <RechargePolicyForm
          initial={{
            minYuan: fenToYuanString(recharge.minFen),
            maxYuan: fenToYuanString(recharge.maxFen),
            orderTimeoutMinutes: String(recharge.orderTimeoutMinutes),
            reason: "",
          }}
        />
      </PolicySection>

      <PolicySection kind="service" title={t("service.title")} description={t("service.description")} history={serviceHistory} t={t}>
        <ServicePolicyForm
          initial={{
            appealWindowHours: String(service.appealWindowHours),
            appealMaxUsedMb: bytesToMbText(service.appealMaxUsedBytes),
            guestPassMaxHours: String(service.guestPassMaxHours),
            guestPassMaxGb: bytesToGbText(service.guestPassMaxBytes),
            guestPassMaxLive: String(service.guestPassMaxLive),
            guestDownMbps: kbpsToMbpsText(service.guestDownKbps),
            guestUpMbps: kbpsToMbpsText(service.guestUpKbps),
            pauseMinDays: String(service.pauseMinDays),
            pauseMaxDays: String(service.pauseMaxDays),
            deviceLimit: String(service.deviceLimit),
            reason: "",
          }}
        />
      </PolicySection>

      <Card aria-labelledby="settings-nas">
        <CardHeader className="block">
          <CardTitle id="settings-nas">{t("nas.title")}</CardTitle>
          <CardDescription>{t("nas.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <NasClients rows={nas.map((n) => ({ id: n.id, name: n.name, ipAddress: n.ipAddress, coaPort: n.coaPort }))} />
        </CardContent>
      </Card>
    </div>
  );
}

/** One policy: its form, then its newest changes, linking to the rest of its history. */
function PolicySection({
  kind,
  title,
  description,
  history,
  t,
  children,
}: {
  kind: PolicyKindParam;
  title: string;
  description: string;
  history: Awaited<ReturnType<typeof getPolicyHistory>>;
  t: Awaited<ReturnType<typeof getTranslations<"settings">>>;
  children: ReactNode;
}) {
  return (
    <Card aria-labelledby={`settings-${kind}`}>
      <CardHeader className="block">
        <CardTitle id={`settings-${kind}`}>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {children}
        <PolicyHistory
          kind={kind}
          rows={history.rows}
          caption={t("history.caption", { policy: title })}
          moreHref={history.nextBefore ? `/admin/settings/history/${kind}` : null}
          testId={`${kind}-history`}
        />
      </CardContent>
    </Card>
  );
}
