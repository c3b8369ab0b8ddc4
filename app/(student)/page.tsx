import { Share } from "@/components/icons/lucide/share";
import { X } from "@/components/icons/lucide/x";
import { getLocale, getTranslations } from "next-intl/server";
import { RememberSummary } from "@/components/offline/remember-summary";
import { requirePageUser } from "@/lib/auth";
import { now as clockNow } from "@/lib/clock";
import { formatBytes } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { monthKey } from "@/lib/time";
import { getWalletBalance } from "@/modules/ledger/service";
import { HomeForecast } from "@/modules/forecast/components/home-forecast";
import { InstallPrompt } from "@/modules/install/components/install-prompt";
import { HomeNetworkEntry } from "@/modules/network/components/home-network-entry";
import { PausedBanner } from "@/modules/pauses/components/paused-banner";
import { AccountOverview } from "@/modules/quota/components/account-overview";
import { buildQuotaView } from "@/modules/quota/components/quota-view";
import { getPolicy, getQuotaSummary } from "@/modules/quota/service";
import { UsageOverview } from "@/modules/usage/components/usage-overview";
import { hasUsage, sumUsage, toDailyBars, toMonthlyBars } from "@/modules/usage/components/usage-chart-data";
import { getDailyUsage, getMonthlyUsage } from "@/modules/usage/service";

export async function generateMetadata() {
  const t = await getTranslations("home");
  return { title: t("title") };
}

export default async function HomePage() {
  const user = await requirePageUser();
  const now = clockNow();
  const [locale, t, ti, balanceFen, summary, policy, daily, monthly] = await Promise.all([
    getLocale(),
    getTranslations("home"),
    getTranslations("install"),
    getWalletBalance(user.id),
    getQuotaSummary(user.id, now),
    getPolicy(),
    getDailyUsage(user.id, monthKey(now), now),
    getMonthlyUsage(user.id, 6, now),
  ]);
  const monthTotals = sumUsage(daily);

  return (
    // No next-intl client provider on the home: its client parts get their text as props, so the
    // page ships none of next-intl's client code (docs/decisions/024-web-speed.md).
    <div className="space-y-4">
      <h1 className="sr-only">{t("heading")}</h1>
      <PausedBanner userId={user.id} />
      <RememberSummary
        summary={{
          studentNo: user.studentNo,
          balanceFen: balanceFen.toString(),
          quotaBytes: summary.totalRemainingBytes.toString(),
          speedMode: summary.speedMode,
          balanceText: formatFen(balanceFen, locale),
          quotaText: formatBytes(summary.totalRemainingBytes, locale),
          fetchedAt: now.toISOString(),
        }}
      />
      <AccountOverview balanceText={formatFen(balanceFen, locale)} quota={buildQuotaView(summary, policy, locale)} />
      <HomeNetworkEntry userId={user.id} />
      <HomeForecast userId={user.id} now={now} />
      <UsageOverview
        daily={toDailyBars(daily, locale)}
        monthly={toMonthlyBars(monthly, locale)}
        totals={{
          total: formatBytes(monthTotals.totalBytes, locale),
          download: formatBytes(monthTotals.downloadBytes, locale),
          upload: formatBytes(monthTotals.uploadBytes, locale),
        }}
        hasMonthUsage={monthTotals.totalBytes > 0n}
        hasAnyUsage={hasUsage(monthly) || monthTotals.totalBytes > 0n}
        freeQuotaText={formatBytes(policy.freeMonthlyBytes, locale)}
      />
      {/* Last, so a card that appears after hydration moves nothing on screen. */}
      <InstallPrompt
        text={{
          cardTitle: ti("card.title"),
          cardBody: ti("card.body"),
          install: ti("card.install"),
          cardDismiss: ti("card.dismiss"),
          iosTitle: ti("ios.title"),
          iosBody: ti.rich("ios.body", {
            icon: () => <Share role="img" aria-label={ti("ios.shareIcon")} className="inline size-4 align-text-bottom text-brand-700" />,
          }),
          iosDismiss: ti("ios.dismiss"),
          closeIcon: <X aria-hidden />,
        }}
      />
    </div>
  );
}
