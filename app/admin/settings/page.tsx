import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { fenToYuanString } from "@/lib/money";
import { NasClients } from "@/modules/admin/components/nas-clients";
import { QuotaPolicyForm } from "@/modules/admin/components/quota-policy-form";
import { RechargePolicyForm } from "@/modules/admin/components/recharge-policy-form";
import { bytesToGbText, kbpsToMbpsText } from "@/modules/admin/schemas";
import { getQuotaPolicy, getRechargePolicySettings, listNasClients } from "@/modules/admin/service";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  await requireStaff("settings.manage", "/admin/settings");
  const [t, quota, recharge, nas] = await Promise.all([getTranslations("settings"), getQuotaPolicy(), getRechargePolicySettings(), listNasClients()]);

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />

      <Card aria-labelledby="settings-quota">
        <CardHeader className="block">
          <CardTitle id="settings-quota">{t("quota.title")}</CardTitle>
          <CardDescription>{t("quota.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <QuotaPolicyForm
            initial={{
              freeMonthlyGb: bytesToGbText(quota.freeMonthlyBytes),
              highSpeedDownMbps: kbpsToMbpsText(quota.highSpeedDownKbps),
              highSpeedUpMbps: kbpsToMbpsText(quota.highSpeedUpKbps),
              throttledDownMbps: kbpsToMbpsText(quota.throttledDownKbps),
              throttledUpMbps: kbpsToMbpsText(quota.throttledUpKbps),
            }}
          />
        </CardContent>
      </Card>

      <Card aria-labelledby="settings-recharge">
        <CardHeader className="block">
          <CardTitle id="settings-recharge">{t("recharge.title")}</CardTitle>
          <CardDescription>{t("recharge.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <RechargePolicyForm
            initial={{
              minYuan: fenToYuanString(recharge.minFen),
              maxYuan: fenToYuanString(recharge.maxFen),
              orderTimeoutMinutes: String(recharge.orderTimeoutMinutes),
            }}
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
