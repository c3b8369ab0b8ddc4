import Link from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { LifecycleTabs } from "@/modules/lifecycle/components/lifecycle-tabs";

export async function generateMetadata() {
  const t = await getTranslations("lifecycle");
  return { title: t("title") };
}

export default async function AdminLifecyclePage() {
  await requireStaff("lifecycle.bulk", "/admin/lifecycle");
  const t = await getTranslations("lifecycle");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <LifecycleTabs current={null} />
      <div className="grid gap-4 md:grid-cols-2">
        {(["intake", "graduation"] as const).map((k) => (
          <Card key={k} aria-labelledby={`lifecycle-${k}`}>
            <CardHeader>
              <CardTitle id={`lifecycle-${k}`}>
                <Link href={`/admin/lifecycle/${k}`} className="underline-offset-4 hover:underline">
                  {t(`tabs.${k}`)}
                </Link>
              </CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-sm text-slate-700">{t(`${k}.description`)}</p>
            </CardContent>
          </Card>
        ))}
      </div>
    </div>
  );
}
