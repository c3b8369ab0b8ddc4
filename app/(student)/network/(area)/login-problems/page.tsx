import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { LoginProblemsList } from "@/modules/network/components/login-problems-list";
import { getLoginProblems } from "@/modules/network/login-problems.service";

export async function generateMetadata() {
  const t = await getTranslations("network.loginProblems");
  return { title: t("title") };
}

/** /network/login-problems: "why couldn't I sign in?" — the student's own last RADIUS refusals, in plain words. */
export default async function LoginProblemsPage() {
  const user = await requirePageUser({ callbackUrl: "/network/login-problems" });
  const [t, problems] = await Promise.all([getTranslations("network.loginProblems"), getLoginProblems(user.id)]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} backHref="/network" backLabel={t("back")} className="mb-1" />
      <LoginProblemsList items={problems.items.map((p) => ({ ...p, at: p.at.toISOString() }))} lockedUntil={problems.lockedUntil?.toISOString() ?? null} />
    </div>
  );
}
