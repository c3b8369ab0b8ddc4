import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { fenToYuanString } from "@/lib/money";
import { NasClients } from "@/modules/admin/components/nas-clients";
import { QuotaPolicyForm } from "@/modules/admin/components/quota-policy-form";
import { PolicyHistory } from "@/modules/admin/components/policy-history";
import { RechargePolicyForm } from "@/modules/admin/components/recharge-policy-form";
import { ServicePolicyForm } from "@/modules/admin/components/service-policy-form";
import { bytesToGbText, bytesToMbText, kbpsToMbpsText } from "@/modules/admin/schemas";
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
  const more = (kind: string, next: bigint | null) => (next ? `/admin/settings/history/${kind}` : null);

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />

      <Card aria-labelledby="settings-quota">
        <CardHeader className="block">
          <CardTitle id="settings-quota">{t("quota.title")}</CardTitle>
          <CardDescription>{t("quota.description")}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
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
          <PolicyHistory
            kind="quota"
            rows={quotaHistory.rows}
            caption={t("history.caption", { policy: t("quota.title") })}
            moreHref={more("quota", quotaHistory.nextBefore)}
            testId="quota-history"
          />
        </CardContent>
      </Card>

      <Card aria-labelledby="settings-recharge">
        <CardHeader className="block">
          <CardTitle id="settings-recharge">{t("recharge.title")}</CardTitle>
          <CardDescription>{t("recharge.description")}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <RechargePolicyForm
            initial={{
              minYuan: fenToYuanString(recharge.minFen),
              maxYuan: fenToYuanString(recharge.maxFen),
              orderTimeoutMinutes: String(recharge.orderTimeoutMinutes),
              reason: "",
            }}
          />
          <PolicyHistory
            kind="recharge"
            rows={rechargeHistory.rows}
            caption={t("history.caption", { policy: t("recharge.title") })}
            moreHref={more("recharge", rechargeHistory.nextBefore)}
            testId="recharge-history"
          />
        </CardContent>
      </Card>

      <Card aria-labelledby="settings-service">
        <CardHeader className="block">
          <CardTitle id="settings-service">{t("service.title")}</CardTitle>
          <CardDescription>{t("service.description")}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
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
          <PolicyHistory
            kind="service"
            rows={serviceHistory.rows}
            caption={t("history.caption", { policy: t("service.title") })}
            moreHref={more("service", serviceHistory.nextBefore)}
            testId="service-history"
          />
        </CardContent>
      </Card>

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
