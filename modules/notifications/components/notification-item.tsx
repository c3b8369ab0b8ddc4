import { ArrowRight } from "@/components/icons/lucide/arrow-right";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { MarkReadButton } from "./mark-read-button";
import { LINK_HREF, type NotificationView } from "./notification-view";

/** One row of the notification centre: what happened, when, where to act, and "mark as read". */
export function NotificationItem({ n }: { n: NotificationView }) {
  const t = useTranslations("notifications.centre");
  return (
    <li
      // Focus lands here after "load more" (the first row added); not in the Tab order.
      tabIndex={-1}
      data-id={n.id}
      data-testid="notification"
      data-kind={n.key}
      data-read={n.read}
      className={cn(
        "flex items-start justify-between gap-3 px-5 py-3.5 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-inset",
        !n.read && "bg-brand-50/40",
      )}
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
          <Link href={LINK_HREF[n.link]} className="mt-1.5 inline-flex min-h-9 items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800">
            {t(`link.${n.link}`)}
            <ArrowRight aria-hidden className="size-4" />
          </Link>
        ) : null}
      </div>
      {!n.read ? <MarkReadButton id={n.id} label={t("markRead")} /> : null}
    </li>
  );
}
