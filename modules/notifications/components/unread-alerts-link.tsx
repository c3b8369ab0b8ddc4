import { BellRing } from "@/components/icons/lucide/bell-ring";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";

/** "2 条未读提醒" → the notification centre (/notifications); nothing when all are read. */
export function UnreadAlertsLink({ count }: { count: number }) {
  const t = useTranslations("notifications");
  if (count <= 0) return null;
  return (
    <Link
      href="/notifications"
      data-testid="unread-alerts"
      className="inline-flex h-9 items-center gap-1.5 rounded-full bg-amber-50 px-3 text-sm font-medium text-amber-900 ring-1 ring-amber-600/25 ring-inset hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
    >
      <BellRing aria-hidden className="size-4 text-amber-600" />
      {t("unread", { count })}
    </Link>
  );
}
