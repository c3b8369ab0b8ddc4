import { Scale } from "@/components/icons/lucide/scale";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth";
import { formatBytes, formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { DecideAppeal } from "@/modules/appeals/components/decide-appeal";
import { listAppealsForStaff } from "@/modules/appeals/service";
import { QueuePage, StudentLink } from "@/modules/queues/components/queue-page";
import { QUEUES } from "@/modules/queues/service";

export async function generateMetadata() {
  const t = await getTranslations("queues");
  return { title: t("names.appeals") };
}

export default async function AppealsQueuePage() {
  const staff = await requireStaff(QUEUES.appeals.ability, "/admin/queues/appeals");
  const [t, locale, queue] = await Promise.all([getTranslations("queues"), getLocale(), listAppealsForStaff({ state: "PENDING", take: 100 }, staff)]);
  return (
    <QueuePage
      title={t("names.appeals")}
      description={t("hints.appeals")}
      backLabel={t("back")}
      empty={queue.items.length === 0}
      emptyIcon={<Scale />}
      emptyTitle={t("appeals.empty")}
    >
      <ul className="space-y-3">
        {queue.items.map((a) => (
          <li key={a.id} data-testid="appeal-row">
            <Card className="grid gap-4 p-4 sm:p-5 lg:grid-cols-[1fr_auto]">
              <div className="min-w-0">
                <StudentLink student={a.student} className="font-medium text-brand-700 hover:underline" />
                <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
                  <div>
                    <dt className="text-xs text-slate-600">{t("appeals.package")}</dt>
                    <dd className="text-slate-900">
                      {locale === "en" ? a.exchange.nameEn : a.exchange.nameZh} · {formatFen(a.exchange.priceFen, locale)}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600">{t("appeals.filedAt")}</dt>
                    <dd className="text-slate-900 tabular-nums">{formatDateTime(a.createdAt, locale)}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600">{t("appeals.usedAtFiling")}</dt>
                    <dd className="text-slate-900 tabular-nums">{formatBytes(a.usedBytesAtFiling, locale)}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600">{t("appeals.usedNow")}</dt>
                    <dd className="text-slate-900 tabular-nums">{formatBytes(a.exchange.usedBytesNow, locale)}</dd>
                  </div>
                </dl>
                <p className="mt-3 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">
                  <span className="text-xs text-slate-600">{t("appeals.reasonLabel")}</span> {a.reason}
                </p>
              </div>
              <DecideAppeal appealId={a.id} subject={a.student.name} />
            </Card>
          </li>
        ))}
      </ul>
    </QueuePage>
  );
}
