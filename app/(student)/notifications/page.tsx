import { ArrowRight, Bell } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { MarkReadButton } from "@/modules/notifications/components/mark-read-button";
import { LINK_HREF, toNotificationView } from "@/modules/notifications/components/notification-view";
import { listNotifications } from "@/modules/notifications/service";

const BASE_PATH = "/notifications";
/** The latest this many; older ones are rarely worth a second page on a phone. */
const LIMIT = 50;

export async function generateMetadata() {
  const t = await getTranslations("notifications.centre");
  return { title: t("pageTitle") };
}

export default async function NotificationsPage() {
  const user = await requirePageUser({ callbackUrl: BASE_PATH });
  const [locale, t, rows] = await Promise.all([getLocale(), getTranslations("notifications.centre"), listNotifications(user.id, { take: LIMIT })]);
  const items = rows.map((n) => toNotificationView(n, locale));
  const unread = items.filter((n) => !n.read).length;

  return (
    <div>
      <PageHeader title={t("pageTitle")} description={t("pageDescription")} actions={unread > 0 ? <MarkReadButton label={t("markAllRead")} /> : undefined} />
      {items.length === 0 ? (
        <Card>
          <EmptyState icon={<Bell />} title={t("emptyTitle")} description={t("emptyText")} />
        </Card>
      ) : (
        <Card>
          <p className="px-5 pt-4 text-sm text-slate-600" data-testid="notifications-summary">
            {t("unreadSummary", { count: unread })}
          </p>
          <ul aria-label={t("listLabel")} className="mt-2 divide-y divide-slate-100">
            {items.map((n) => (
              <li
                key={n.id}
                data-testid="notification"
                data-kind={n.key}
                data-read={n.read}
                className={cn("flex items-start justify-between gap-3 px-5 py-3.5", !n.read && "bg-brand-50/40")}
              >
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                    {t(`kinds.${n.key}.title`, n.values)}
                    {!n.read ? (
                      <Badge tone="blue" className="px-2">
                        {t("unreadBadge")}
                      </Badge>
                    ) : null}
                  </p>
                  <p className="mt-0.5 text-sm break-words text-slate-600">{t(`kinds.${n.key}.text`, n.values)}</p>
                  <p className="mt-1 text-xs text-slate-500 tabular-nums">
                    <time dateTime={n.createdIso}>{n.createdText}</time>
                  </p>
                  {n.link ? (
                    <Link
                      href={LINK_HREF[n.link]}
                      className="mt-1.5 inline-flex min-h-9 items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800"
                    >
                      {t(`link.${n.link}`)}
                      <ArrowRight aria-hidden className="size-4" />
                    </Link>
                  ) : null}
                </div>
                {!n.read ? <MarkReadButton id={n.id} label={t("markRead")} /> : null}
              </li>
            ))}
          </ul>
          {items.length >= LIMIT ? <p className="px-5 pb-4 text-xs text-slate-500">{t("limitNote", { limit: LIMIT })}</p> : null}
        </Card>
      )}
    </div>
  );
}
