import { LockOpen } from "@/components/icons/lucide/lock-open";
import { getLocale, getTranslations } from "next-intl/server";
import { TableCell, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { unlockNetworkLoginAction } from "@/modules/helpdesk/actions";
import { StaffAction } from "@/modules/helpdesk/components/staff-action";
import { listLockouts } from "@/modules/network/lockouts.service";
import { QueuePage, QueueTable, StudentLink } from "@/modules/queues/components/queue-page";
import { QUEUES } from "@/modules/queues/service";

export async function generateMetadata() {
  const t = await getTranslations("queues");
  return { title: t("names.lockouts") };
}

export default async function LockoutsQueuePage() {
  const staff = await requireStaff(QUEUES.lockouts.ability, "/admin/queues/lockouts");
  const [t, locale, rows] = await Promise.all([getTranslations("queues"), getLocale(), listLockouts(staff)]);
  return (
    <QueuePage
      title={t("names.lockouts")}
      description={t("hints.lockouts")}
      backLabel={t("back")}
      empty={rows.length === 0}
      emptyIcon={<LockOpen />}
      emptyTitle={t("lockouts.empty")}
    >
      <QueueTable head={[t("student"), t("lockouts.until"), { label: t("lockouts.attempts"), numeric: true }, { label: t("open"), srOnly: true }]}>
        {rows.map((r) => (
          <TableRow key={r.student.id} data-testid="lockout-row">
            <TableCell>
              <StudentLink student={r.student} />
            </TableCell>
            <TableCell className="tabular-nums">{formatDateTime(r.lockedUntil, locale)}</TableCell>
            <TableCell numeric>{r.failedAttempts}</TableCell>
            <TableCell>
              <StaffAction kind="unlock" action={unlockNetworkLoginAction} input={{ userId: r.student.id }} subject={r.student.name} />
            </TableCell>
          </TableRow>
        ))}
      </QueueTable>
    </QueuePage>
  );
}
