import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { UserSearchForm } from "@/modules/admin/components/user-search-form";
import { requireStaff } from "@/lib/auth";
import { getAdminOverview } from "@/modules/admin/service";
import { can } from "@/lib/roles";
import { CampusDashboard } from "@/modules/dashboard/components/campus-dashboard";
import { QueueTiles } from "@/modules/queues/components/queue-tiles";
import { queueCounts } from "@/modules/queues/service";

export async function generateMetadata() {
  const t = await getTranslations("admin");
  return { title: t("overview.title") };
}

export default async function AdminOverviewPage() {
  const staff = await requireStaff("admin.view", "/admin");
  const [t, tq, locale, o, queues] = await Promise.all([
    getTranslations("admin"),
    getTranslations("queues"),
    getLocale(),
    getAdminOverview(),
    queueCounts(staff.role),
  ]);
  const nf = new Intl.NumberFormat(locale);
  return (
    <div className="space-y-6">
      <PageHeader title={t("overview.title")} description={t("overview.description")} />
      <Card>
        <CardContent className="pt-5">
          <UserSearchForm />
        </CardContent>
      </Card>
      {queues.length > 0 ? (
        <section aria-labelledby="admin-queues" className="space-y-3" data-testid="admin-queue-tiles">
          <h2 id="admin-queues" className="text-base font-semibold text-slate-900">
            {tq("tilesTitle")}
          </h2>
          <QueueTiles queues={queues} />
        </section>
      ) : null}
      <p className="-mb-3 text-xs text-slate-500" data-testid="admin-kpis-as-of">
        <time dateTime={o.asOf.toISOString()}>{t("overview.asOf", { time: formatDateTime(o.asOf, locale) })}</time>
      </p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-3">
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("overview.students")} value={nf.format(o.students)} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("overview.throttled")} value={nf.format(o.throttledNow)} sub={t("overview.throttledSub")} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("overview.activePackages")} value={nf.format(o.activePackages)} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("overview.exchangesThisMonth")} value={nf.format(o.exchangesThisMonth)} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("overview.revenueThisMonth")} value={formatFen(o.packageRevenueThisMonthFen, locale)} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat size="md" label={t("overview.walletTotal")} value={formatFen(o.walletTotalFen, locale)} sub={t("overview.walletTotalSub")} />
          </CardContent>
        </Card>
      </div>
      <CampusDashboard canReadTopUsers={can(staff.role, "users.view")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("overview.nextTitle")}</CardTitle>
        </CardHeader>
        <CardContent className="text-sm text-slate-600">{t("overview.nextBody")}</CardContent>
      </Card>
    </div>
  );
}
