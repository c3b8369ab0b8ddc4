import { UserCheck } from "@/components/icons/lucide/user-check";
import { getLocale, getTranslations } from "next-intl/server";
import { TableCell, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { QueuePage, QueueTable } from "@/modules/queues/components/queue-page";
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
    <QueuePage
      title={t("names.unknownRadius")}
      description={t("hints.unknownRadius")}
      backLabel={t("back")}
      empty={rows.length === 0}
      emptyIcon={<UserCheck />}
      emptyTitle={t("unknownRadius.empty")}
    >
      <QueueTable
        head={[
          t("unknownRadius.username"),
          { label: t("unknownRadius.sessions"), numeric: true },
          { label: t("unknownRadius.live"), numeric: true },
          t("unknownRadius.lastSeen"),
          t("unknownRadius.nas"),
        ]}
      >
        {rows.map((r) => (
          <TableRow key={r.username} data-testid="unknown-radius-row">
            <TableCell className="font-mono text-xs break-all">{r.username}</TableCell>
            <TableCell numeric>{r.sessions}</TableCell>
            <TableCell numeric>{r.live}</TableCell>
            <TableCell className="tabular-nums">{formatDateTime(r.lastSeenAt, locale)}</TableCell>
            <TableCell className="font-mono text-xs">{r.nasIps.join(", ")}</TableCell>
          </TableRow>
        ))}
      </QueueTable>
    </QueuePage>
  );
}
