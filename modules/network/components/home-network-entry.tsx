import { ChevronRight } from "@/components/icons/lucide/chevron-right";
import { CircleHelp } from "@/components/icons/lucide/circle-help";
import { Wifi } from "@/components/icons/lucide/wifi";
import Link from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { listLiveSessions } from "@/modules/network/service";
import { listNotifications } from "@/modules/notifications/service";
import { UnreadAlertsLink } from "@/modules/notifications/components/unread-alerts-link";

/**
 * The home page's door to /network, under the speed badge: "why am I slow?", how many devices
 * are online, and unread quota alerts. Reads its own two small figures so the home page only
 * places it.
 */
export async function HomeNetworkEntry({ userId }: { userId: string }) {
  const [t, live, unread] = await Promise.all([
    getTranslations("network.home"),
    listLiveSessions(userId),
    listNotifications(userId, { unreadOnly: true, take: 100 }),
  ]);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="home-network-entry">
      <Link
        href="/network"
        className="inline-flex h-9 items-center gap-1.5 rounded-full bg-white px-3 text-sm font-medium text-brand-800 shadow-sm ring-1 ring-slate-900/10 ring-inset hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
      >
        <CircleHelp aria-hidden className="size-4 text-brand-700" />
        {t("whySlow")}
        <ChevronRight aria-hidden className="size-4 text-slate-400" />
      </Link>
      <Link
        href="/network"
        className="inline-flex h-9 items-center gap-1.5 rounded-full px-3 text-sm text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
      >
        <Wifi aria-hidden className="size-4 text-slate-500" />
        {t("online", { count: live.length })}
      </Link>
      {/* Every unread kind, as the header's bell counts them: the link opens the notification centre. */}
      <UnreadAlertsLink count={unread.length} />
    </div>
  );
}
