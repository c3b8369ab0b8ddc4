import { PackageSearch } from "@/components/icons/lucide/package-search";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { now as clockNow } from "@/lib/clock";
import { formatFen } from "@/lib/money";
import { getWalletBalance } from "@/modules/ledger/service";
import { lastsUntilText } from "@/modules/forecast/components/forecast-text";
import { getForecast } from "@/modules/forecast/service";
import { AccountSummary } from "@/modules/packages/components/account-summary";
import { toCatalogueItemView, toOfferView } from "@/modules/packages/components/exchange-view";
import { PackageCatalogue } from "@/modules/packages/components/package-catalogue";
import { familyOf, offersForStudent } from "@/modules/packages/offers.service";
import { listCatalogue } from "@/modules/packages/service";
import { PlanCard } from "@/modules/plans/components/plan-card";
import { toPlanCardView, toPlanOfferView } from "@/modules/plans/components/plan-view";
import { getPlanOverview, nextMonthKey } from "@/modules/plans/service";
import { buildQuotaView } from "@/modules/quota/components/quota-view";
import { getPolicy, getQuotaSummary } from "@/modules/quota/service";

export async function generateMetadata() {
  const t = await getTranslations("packages");
  return { title: t("title") };
}

export default async function PackagesPage() {
  const user = await requirePageUser({ callbackUrl: "/packages" });
  const now = clockNow();
  const [locale, t, balanceFen, summary, policy, catalogue, plans, offers] = await Promise.all([
    getLocale(),
    getTranslations("packages"),
    getWalletBalance(user.id),
    getQuotaSummary(user.id, now),
    getPolicy(),
    listCatalogue(now),
    getPlanOverview(user.id, now),
    offersForStudent(user.id, now),
  ]);
  const balanceText = formatFen(balanceFen, locale);
  const quota = buildQuotaView(summary, policy, locale);
  // the confirmation's "with this package you will last until …" (modules/forecast)
  const [forecast, tf] = await Promise.all([getForecast(user.id, now), getTranslations("forecast")]);
  // The server enforces both rules anyway; here they only explain the disabled buttons.
  const blockedReason = user.status !== "ACTIVE" ? t("accountInactive") : quota.package ? t("current.rule") : null;

  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <AccountSummary balanceText={balanceText} quota={quota} />
      <div id="plan-card" className="mt-3 scroll-mt-24">
        <PlanCard view={toPlanCardView(plans, locale)} />
      </div>
      <section aria-labelledby="catalogue-title" className="mt-6">
        <h2 id="catalogue-title" className="mb-3 text-base font-semibold text-slate-900">
          {t("catalogue.title")}
        </h2>
        {catalogue.length > 0 ? (
          <PackageCatalogue
            items={catalogue.map((item) => ({
              ...toCatalogueItemView(item, balanceFen, locale),
              lastsUntilText: lastsUntilText(forecast, item.quotaBytes, locale, tf),
              ...(offers.has(familyOf(item)) ? { offer: toOfferView(offers.get(familyOf(item))!, balanceFen, locale) } : {}),
            }))}
            balanceText={balanceText}
            blockedReason={blockedReason}
            planOffer={!plans.plan && user.status === "ACTIVE" ? toPlanOfferView(nextMonthKey(now), balanceFen, locale, null) : undefined}
          />
        ) : (
          <Card>
            <EmptyState icon={<PackageSearch />} title={t("catalogue.empty")} description={t("catalogue.emptyText")} />
          </Card>
        )}
      </section>
    </div>
  );
}
