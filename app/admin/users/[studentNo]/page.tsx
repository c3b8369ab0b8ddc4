import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatBytes, formatDate, formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { readUserForStaff } from "@/modules/accounts/service";
import { studentNoSchema } from "@/modules/admin/schemas";
import { getWalletBalance } from "@/modules/ledger/service";
import { listExchanges } from "@/modules/packages/service";
import { getQuotaSummary } from "@/modules/quota/service";

const STATE_TONE = { ACTIVE: "green", USED_UP: "gray", EXPIRED: "gray", REFUNDED: "amber", FROZEN: "blue" } as const;

export default async function AdminUserPage({ params }: { params: Promise<{ studentNo: string }> }) {
  const staff = await requireStaff("users.view", "/admin/users");
  const parsed = studentNoSchema.safeParse(decodeURIComponent((await params).studentNo));
  if (!parsed.success) notFound();
  const user = await readUserForStaff(staff, parsed.data);
  if (!user) notFound();
  const [t, tc, locale, balance, quota, exchanges] = await Promise.all([
    getTranslations("admin"),
    getTranslations("common"),
    getLocale(),
    getWalletBalance(user.id),
    getQuotaSummary(user.id),
    listExchanges(user.id, { take: 10 }),
  ]);
  const pkgName = quota.package ? (locale === "en" ? quota.package.nameEn : quota.package.nameZh) : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${user.name} · ${user.studentNo}`}
        description={[tc(`roles.${user.role}`), user.college].filter(Boolean).join(" · ")}
        backHref="/admin/users"
        backLabel={t("users.back")}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <Card>
          <CardContent className="pt-5">
            <Stat label={t("detail.balance")} value={<span data-testid="admin-balance">{formatFen(balance, locale)}</span>} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat
              label={t("detail.speedMode")}
              value={<Badge tone={quota.speedMode === "HIGH_SPEED" ? "green" : "amber"}>{t(`speed.${quota.speedMode}`)}</Badge>}
              sub={t("detail.freeRemaining", { left: formatBytes(quota.freeRemainingBytes, locale), total: formatBytes(quota.freeBytes, locale) })}
            />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat
              label={t("detail.package")}
              value={pkgName ?? t("detail.noPackage")}
              sub={
                quota.package
                  ? t("detail.packageLeft", { left: formatBytes(quota.package.remainingBytes, locale), expires: formatDate(quota.package.expiresAt, locale) })
                  : undefined
              }
            />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("detail.recentExchanges")}</CardTitle>
        </CardHeader>
        {exchanges.items.length === 0 ? (
          <CardContent>
            <EmptyState title={t("detail.noExchanges")} />
          </CardContent>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("detail.time")}</TableHead>
                <TableHead>{t("detail.packageCol")}</TableHead>
                <TableHead numeric>{t("detail.price")}</TableHead>
                <TableHead>{t("detail.state")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {exchanges.items.map((e) => (
                <TableRow key={e.id} data-testid="admin-exchange-row">
                  <TableCell>{formatDateTime(e.createdAt, locale)}</TableCell>
                  <TableCell>{locale === "en" ? e.nameEn : e.nameZh}</TableCell>
                  <TableCell numeric>{formatFen(e.priceFen, locale)}</TableCell>
                  <TableCell>
                    <Badge tone={STATE_TONE[e.state]}>{t(`holding.${e.state}`)}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
