import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatFen } from "@/lib/money";
import { searchUsers } from "@/modules/accounts/service";
import { UserSearchForm } from "@/modules/admin/components/user-search-form";
import { userSearchSchema } from "@/modules/admin/schemas";

export async function generateMetadata() {
  const t = await getTranslations("admin");
  return { title: t("users.title") };
}

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("users.view", "/admin/users");
  const raw = await searchParams;
  const parsed = userSearchSchema.safeParse({ q: typeof raw.q === "string" ? raw.q : "" });
  const q = parsed.success ? parsed.data.q : "";
  const [t, tc, locale] = await Promise.all([getTranslations("admin"), getTranslations("common"), getLocale()]);
  const users = q ? await searchUsers(staff, q) : [];
  return (
    <div className="space-y-6">
      <PageHeader title={t("users.title")} description={t("users.description")} />
      <Card>
        <CardContent className="pt-5">
          <UserSearchForm defaultValue={q} />
          {!parsed.success ? <p className="mt-2 text-sm text-red-600">{t("search.tooLong")}</p> : null}
        </CardContent>
      </Card>
      {q && users.length === 0 ? <EmptyState title={t("users.noResults", { q })} description={t("users.noResultsHint")} /> : null}
      {users.length > 0 ? (
        <Card>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("users.studentNo")}</TableHead>
                <TableHead>{t("users.name")}</TableHead>
                <TableHead>{t("users.role")}</TableHead>
                <TableHead>{t("users.status")}</TableHead>
                <TableHead numeric>{t("users.balance")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.map((u) => (
                <TableRow key={u.id} data-testid="admin-user-row">
                  <TableCell>
                    <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href={`/admin/users/${encodeURIComponent(u.studentNo)}`}>
                      {u.studentNo}
                    </Link>
                  </TableCell>
                  <TableCell>{u.name}</TableCell>
                  <TableCell>{tc(`roles.${u.role}`)}</TableCell>
                  <TableCell>
                    <Badge tone={u.status === "ACTIVE" ? "green" : "amber"}>{t(`status.${u.status}`)}</Badge>
                  </TableCell>
                  <TableCell numeric>{formatFen(u.wallet?.balanceFen ?? 0n, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : null}
    </div>
  );
}
