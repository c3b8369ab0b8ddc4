import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { PolicyHistory } from "@/modules/admin/components/policy-history";
import { policyKindSchema, revisionCursorSchema } from "@/modules/admin/schemas";
import { getPolicyHistory } from "@/modules/admin/service";

const PAGE_SIZE = 20;

export async function generateMetadata({ params }: { params: Promise<{ kind: string }> }) {
  const t = await getTranslations("settings");
  const kind = policyKindSchema.safeParse((await params).kind);
  return { title: kind.success ? t("history.pageTitle", { policy: t(`${kind.data}.title`) }) : t("title") };
}

/** 修改历史 of one policy, newest first, PAGE_SIZE at a time (`?before=<revision id>`: keyset, no OFFSET). */
export default async function PolicyHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ kind: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ kind: rawKind }, raw] = await Promise.all([params, searchParams]);
  await requireStaff("settings.manage", `/admin/settings/history/${encodeURIComponent(rawKind)}`);
  const kind = policyKindSchema.safeParse(rawKind);
  if (!kind.success) notFound();
  const before = revisionCursorSchema.parse(typeof raw.before === "string" ? raw.before : undefined);
  const [t, page] = await Promise.all([getTranslations("settings"), getPolicyHistory(kind.data, { before, limit: PAGE_SIZE })]);
  const policy = t(`${kind.data}.title`);

  return (
    <div className="space-y-6">
      <PageHeader title={t("history.pageTitle", { policy })} description={t("history.pageDescription")} />
      <p>
        <Link href="/admin/settings" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("history.back")}
        </Link>
        {before ? (
          <>
            {" · "}
            <Link href={`/admin/settings/history/${kind.data}`} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
              {t("history.newest")}
            </Link>
          </>
        ) : null}
      </p>
      <PolicyHistory
        kind={kind.data}
        rows={page.rows}
        caption={t("history.caption", { policy })}
        moreHref={page.nextBefore ? `/admin/settings/history/${kind.data}?before=${page.nextBefore}` : null}
        testId="policy-history"
      />
    </div>
  );
}
