import { MonitorSmartphone } from "@/components/icons/lucide/monitor-smartphone";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { DeviceList } from "@/modules/network/components/device-list";
import { toDeviceDto } from "@/modules/network/components/network-view";
import { RegisterDeviceForm } from "@/modules/network/components/register-device-form";
import { SeamlessLoginCard } from "@/modules/network/components/seamless-login-card";
import { getSeamlessStatus, listDevices, MAX_MAC_DEVICES } from "@/modules/network/service";
import { getServicePolicy } from "@/modules/policy/service";

export async function generateMetadata() {
  const t = await getTranslations("network.devices");
  return { title: t("title") };
}

/** /network/devices: register a device for MAC sign-in; the device list with 挂失. */
export default async function DevicesPage() {
  const user = await requirePageUser({ callbackUrl: "/network/devices" });
  const [t, devices, seamless, policy] = await Promise.all([
    getTranslations("network.devices"),
    listDevices(user.id),
    getSeamlessStatus(user.id),
    getServicePolicy(),
  ]);
  const macAuthCount = devices.filter((d) => d.macAuth).length;

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} backHref="/network" backLabel={t("back")} className="mb-1" />
      <SeamlessLoginCard on={seamless.on} ambiguousMacs={seamless.ambiguousMacs} deviceLimit={policy.deviceLimit} />
      <RegisterDeviceForm count={macAuthCount} max={MAX_MAC_DEVICES} />
      {devices.length === 0 ? (
        <Card>
          <EmptyState icon={<MonitorSmartphone />} title={t("emptyTitle")} description={t("emptyText")} />
        </Card>
      ) : (
        <DeviceList devices={devices.map(toDeviceDto)} />
      )}
    </div>
  );
}
