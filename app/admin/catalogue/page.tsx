import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { now as clockNow } from "@/lib/clock";
import { formatBytes, formatDateTime } from "@/lib/format";
import { fenToYuanString, formatFen } from "@/lib/money";
import { bytesToGbText } from "@/modules/admin/schemas";
import { NewOfferForm, NewPackageForm, OfferTable, PackageTable } from "@/modules/catalogue/components/catalogue-admin";
import { toShanghaiInput } from "@/modules/catalogue/schemas";
import { listCatalogueForAdmin, listOffersForAdmin, parseOfferCursor } from "@/modules/catalogue/service";

export async function generateMetadata() {
  const t = await getTranslations("catalogue");
  return { title: t("title") };
}

export default async function AdminCataloguePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("catalogue.manage", "/admin/catalogue");
  const now = clockNow();
  const raw = await searchParams;
  // ?offers=past: ended offers, 50 a page (keyset ?before=…); otherwise current and scheduled ones
  const past = raw.offers === "past";
  const before = past && typeof raw.before === "string" ? parseOfferCursor(raw.before) : null;
  const [t, locale, { packages }, { offers, nextCursor }] = await Promise.all([
    getTranslations("catalogue"),
    getLocale(),
    listCatalogueForAdmin(),
    listOffersForAdmin(past ? { view: "past", before } : { view: "current" }, now),
  ]);
  const rows = packages.map((p) => ({
    id: p.id,
    code: p.code,
    family: p.familyKey,
    version: p.version,
    name: locale === "en" ? p.nameEn : p.nameZh,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    priceText: formatFen(p.priceFen, locale),
    priceYuan: fenToYuanString(p.priceFen),
    quotaText: formatBytes(p.quotaBytes, locale),
    quotaGb: bytesToGbText(p.quotaBytes),
    validityMonths: p.validityMonths,
    active: p.active,
    fromInput: toShanghaiInput(p.availableFrom),
    untilInput: toShanghaiInput(p.availableUntil),
    fromText: p.availableFrom ? formatDateTime(p.availableFrom, locale) : null,
    untilText: p.availableUntil ? formatDateTime(p.availableUntil, locale) : null,
  }));
  const offerRows = offers.map((o) => ({
    id: o.id,
    family: o.family,
    priceText: formatFen(o.priceFen, locale),
    startsText: formatDateTime(o.startsAt, locale),
    endsText: formatDateTime(o.endsAt, locale),
    limit: o.perStudentLimit,
    target: o.target,
    state: o.withdrawnAt ? ("withdrawn" as const) : o.endsAt <= now ? ("ended" as const) : o.startsAt > now ? ("scheduled" as const) : ("live" as const),
    exchanges: o.exchanges,
  }));

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Card aria-labelledby="catalogue-packages">
        <CardHeader className="block">
          <CardTitle id="catalogue-packages">{t("packages")}</CardTitle>
        </CardHeader>
        <CardContent>
          <PackageTable rows={rows} />
        </CardContent>
      </Card>
      <Card aria-labelledby="catalogue-offers">
        <CardHeader className="block">
          <CardTitle id="catalogue-offers">{t("offers")}</CardTitle>
          <CardDescription>{t("offerHint")}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <nav aria-label={t("offerViews")} className="flex flex-wrap gap-4 text-sm">
            <Link
              href="/admin/catalogue#catalogue-offers"
              aria-current={past ? undefined : "page"}
              className={past ? "text-brand-700 hover:underline" : "font-semibold text-slate-900"}
              data-testid="offers-current"
            >
              {t("currentOffers")}
            </Link>
            <Link
              href="/admin/catalogue?offers=past#catalogue-offers"
              aria-current={past && !before ? "page" : undefined}
              className={past ? "font-semibold text-slate-900" : "text-brand-700 hover:underline"}
              data-testid="offers-past"
            >
              {t("pastOffers")}
            </Link>
          </nav>
          <OfferTable rows={offerRows} />
          {nextCursor ? (
            <Link
              href={`/admin/catalogue?offers=past&before=${encodeURIComponent(nextCursor)}#catalogue-offers`}
              className="text-sm text-brand-700 hover:underline"
              data-testid="offers-older"
            >
              {t("olderOffers")}
            </Link>
          ) : null}
          <NewOfferForm families={rows.map((r) => ({ family: r.family, name: r.name }))} />
        </CardContent>
      </Card>
      <Card aria-labelledby="catalogue-new">
        <CardHeader className="block">
          <CardTitle id="catalogue-new">{t("newPackage")}</CardTitle>
        </CardHeader>
        <CardContent>
          <NewPackageForm />
        </CardContent>
      </Card>
    </div>
  );
}
