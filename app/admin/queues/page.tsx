import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { QueueTiles } from "@/modules/queues/components/queue-tiles";
import { queueCounts } from "@/modules/queues/service";

export async function generateMetadata() {
  const t = await getTranslations("queues");
  return { title: t("title") };
}

export default async function AdminQueuesPage() {
  const staff = await requireStaff("admin.view", "/admin/queues");
  const [t, queues] = await Promise.all([getTranslations("queues"), queueCounts(staff.role)]);
  return (
    <div className="space-y-5">
      <PageHeader title={t("title")} description={t("description")} />
      <QueueTiles queues={queues} hints />
    </div>
  );
}
