import { WifiOff } from "@/components/icons/lucide/wifi-off";
import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/shell/status-page";
import { ReloadButton } from "./reload-button";

// Precached by the service worker and served when a page cannot be fetched offline.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.offline");
  return { title: t("title") };
}

export default function OfflinePage() {
  const t = useTranslations("common");
  return (
    <StatusPage icon={<WifiOff />} title={t("offline.title")} description={t("offline.description")}>
      <ReloadButton label={t("actions.reload")} />
    </StatusPage>
  );
}
