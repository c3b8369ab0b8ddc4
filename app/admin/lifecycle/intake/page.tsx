import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth";
import { IntakeForm } from "@/modules/lifecycle/components/intake-form";
import { LifecycleTabs } from "@/modules/lifecycle/components/lifecycle-tabs";

export async function generateMetadata() {
  const t = await getTranslations("lifecycle.intake");
  return { title: t("title") };
}

export default async function AdminIntakePage() {
  await requireStaff("lifecycle.bulk", "/admin/lifecycle/intake");
  const t = await getTranslations("lifecycle.intake");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("description")} />
      <LifecycleTabs current="intake" />
      <Card aria-labelledby="intake-title">
        <CardHeader>
          <CardTitle id="intake-title">{t("formTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="mb-4 text-sm text-slate-700">{t("format")}</p>
          <IntakeForm />
        </CardContent>
      </Card>
    </div>
  );
}
