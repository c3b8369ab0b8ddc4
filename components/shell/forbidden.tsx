import { ShieldX } from "@/components/icons/lucide/shield-x";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";
import { StatusPage } from "./status-page";

/**
 * 403 page. Rendered by app/forbidden.tsx when a layout, page or action calls
 * `forbidden()` from next/navigation, and usable directly inside a shell.
 */
export function ForbiddenPage({ homeHref = "/" }: { homeHref?: string }) {
  const t = useTranslations("common");
  return (
    <StatusPage icon={<ShieldX />} code={t("forbidden.code")} title={t("forbidden.title")} description={t("forbidden.description")}>
      <Link href={homeHref} className={buttonVariants({ variant: "primary" })}>
        {t("actions.backHome")}
      </Link>
    </StatusPage>
  );
}
