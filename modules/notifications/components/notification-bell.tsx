import { Bell } from "@/components/icons/lucide/bell";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { badgeText } from "./notification-view";

/** The header's bell → /notifications, with the unread count (rendered on the server). */
export function NotificationBell({ count }: { count: number }) {
  const t = useTranslations("notifications.centre");
  return (
    <Link
      href="/notifications"
      aria-label={t("bell", { count })}
      data-testid="notification-bell"
      data-unread={count}
      className="relative inline-flex size-11 items-center justify-center rounded-full text-white hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
    >
      <Bell aria-hidden className="size-5" />
      {count > 0 ? (
        <span
          aria-hidden
          data-testid="notification-count"
          className="absolute top-1 right-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[0.6875rem] leading-5 font-semibold text-white tabular-nums ring-2 ring-brand-700"
        >
          {badgeText(count)}
        </span>
      ) : null}
    </Link>
  );
}
