import { LockOpen } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { unlockNetworkLoginAction } from "@/modules/helpdesk/actions";
import { StaffAction } from "@/modules/helpdesk/components/staff-action";
import { listLockouts } from "@/modules/network/lockouts.service";
import { QUEUES } from "@/modules/queues/service";

export async function generateMetadata() {
  const t = await getTranslations("queues");
  return { title: t("names.lockouts") };
}

export default async function LockoutsQueuePage() {
  const staff = await requireStaff(QUEUES.lockouts.ability, "/admin/queues/lockouts");
  const [t, locale, rows] = await Promise.all([getTranslations("queues"), getLocale(), listLockouts(staff)]);
  return (
    <div className="space-y-5">
      <PageHeader title={t("names.lockouts")} description={t("hints.lockouts")} backHref="/admin/queues" backLabel={t("back")} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={<LockOpen />} title={t("lockouts.empty")} />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("student")}</TableHead>
                <TableHead>{t("lockouts.until")}</TableHead>
                <TableHead numeric>{t("lockouts.attempts")}</TableHead>
                <TableHead>
                  <span className="sr-only">{t("open")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.student.id} data-testid="lockout-row">
                  <TableCell>
                    <Link href={`/admin/users/${encodeURIComponent(r.student.studentNo)}`} className="text-brand-700 hover:underline">
                      {r.student.name} · {r.student.studentNo}
                    </Link>
                  </TableCell>
                  <TableCell className="tabular-nums">{formatDateTime(r.lockedUntil, locale)}</TableCell>
                  <TableCell numeric>{r.failedAttempts}</TableCell>
                  <TableCell>
                    <StaffAction kind="unlock" action={unlockNetworkLoginAction} input={{ userId: r.student.id }} subject={r.student.name} />
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
