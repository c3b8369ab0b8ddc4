import { UserCheck } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { QUEUES } from "@/modules/queues/service";
import { listUnknownRadiusUsers } from "@/modules/radius/unknown-users.service";

export async function generateMetadata() {
  const t = await getTranslations("queues");
  return { title: t("names.unknownRadius") };
}

export default async function UnknownRadiusQueuePage() {
  const staff = await requireStaff(QUEUES.unknownRadius.ability, "/admin/queues/unknown-radius");
  const [t, locale, rows] = await Promise.all([getTranslations("queues"), getLocale(), listUnknownRadiusUsers(staff)]);
  return (
    <div className="space-y-5">
      <PageHeader title={t("names.unknownRadius")} description={t("hints.unknownRadius")} backHref="/admin/queues" backLabel={t("back")} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={<UserCheck />} title={t("unknownRadius.empty")} />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("unknownRadius.username")}</TableHead>
                <TableHead numeric>{t("unknownRadius.sessions")}</TableHead>
                <TableHead numeric>{t("unknownRadius.live")}</TableHead>
                <TableHead>{t("unknownRadius.lastSeen")}</TableHead>
                <TableHead>{t("unknownRadius.nas")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.username} data-testid="unknown-radius-row">
                  <TableCell className="font-mono text-xs break-all">{r.username}</TableCell>
                  <TableCell numeric>{r.sessions}</TableCell>
                  <TableCell numeric>{r.live}</TableCell>
                  <TableCell className="tabular-nums">{formatDateTime(r.lastSeenAt, locale)}</TableCell>
                  <TableCell className="font-mono text-xs">{r.nasIps.join(", ")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
