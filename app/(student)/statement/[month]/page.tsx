import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth";
import { now as clockNow } from "@/lib/clock";
import { StatementPage } from "@/modules/statements/components/statement-page";

export async function generateMetadata() {
  const t = await getTranslations("statement");
  return { title: t("title") };
}

type Props = { params: Promise<{ month: string }> };

export default async function StatementMonthPage({ params }: Props) {
  const { month } = await params;
  const user = await requirePageUser({ callbackUrl: `/statement/${encodeURIComponent(month)}` });
  // Always the session's own user: the URL names a month, never a student.
  return <StatementPage userId={user.id} month={month} now={clockNow()} />;
}
