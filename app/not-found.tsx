import { MapPinOff } from "@/components/icons/lucide/map-pin-off";
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { StatusPage } from "@/components/shell/status-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.notFound");
  return { title: t("title") };
}

export default function NotFound() {
  const t = useTranslations("common");
  return (
    <StatusPage icon={<MapPinOff />} code={t("notFound.code")} title={t("notFound.title")} description={t("notFound.description")}>
      <Link href="/" className={buttonVariants()}>
        {t("actions.backHome")}
      </Link>
    </StatusPage>
  );
}
