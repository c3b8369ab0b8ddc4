import { Bell } from "@/components/icons/lucide/bell";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { MarkReadButton } from "@/modules/notifications/components/mark-read-button";
import { NotificationList } from "@/modules/notifications/components/notification-list";
import { NOTIFICATIONS_PAGE_SIZE, toNotificationView } from "@/modules/notifications/components/notification-view";
import { countUnreadNotifications, listNotificationsPage } from "@/modules/notifications/service";
import { endpointKey } from "@/modules/push/components/endpoint-key";
import { PushCard } from "@/modules/push/components/push-card";
import { getPreferences, listSubscriptionEndpoints } from "@/modules/push/service";
import { vapidConfig } from "@/modules/push/vapid";

const BASE_PATH = "/notifications";

export async function generateMetadata() {
  const t = await getTranslations("notifications.centre");
  return { title: t("pageTitle") };
}

export default async function NotificationsPage() {
  const user = await requirePageUser({ callbackUrl: BASE_PATH });
  // The newest page here; "load more" fetches older ones (NotificationList). Unread counts them all.
  const [locale, t, page, unread, endpoints, preferences] = await Promise.all([
    getLocale(),
    getTranslations("notifications.centre"),
    listNotificationsPage(user.id, { take: NOTIFICATIONS_PAGE_SIZE }),
    countUnreadNotifications(user.id),
    listSubscriptionEndpoints(user.id),
    getPreferences(user.id),
  ]);
  const items = page.rows.map((n) => toNotificationView(n, locale));
  // Web Push (decision 023): the public key travels from here, never from a client-side setting
  const storedKeys = await Promise.all(endpoints.map(endpointKey));

  return (
    <div>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} actions={unread > 0 ? <MarkReadButton label={t("markAllRead")} /> : undefined} />
      {items.length === 0 && !page.nextCursor ? (
        <Card>
          <EmptyState icon={<Bell />} title={t("emptyTitle")} description={t("emptyText")} />
        </Card>
      ) : (
        <Card>
          <p className="px-5 pt-4 text-sm text-slate-600" data-testid="notifications-summary">
            {t("unreadSummary", { count: unread })}
          </p>
          <NotificationList initial={items} initialCursor={page.nextCursor} />
        </Card>
      )}
      <div className="mt-4">
        <PushCard publicKey={vapidConfig()?.publicKey ?? null} storedKeys={storedKeys} preferences={preferences} />
      </div>
    </div>
  );
}
