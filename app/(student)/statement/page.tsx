import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth";
import { now as clockNow } from "@/lib/clock";
import { StatementPage } from "@/modules/statements/components/statement-page";

export async function generateMetadata() {
  const t = await getTranslations("statement");
  return { title: t("title") };
}

export default async function StatementIndexPage() {
  const user = await requirePageUser({ callbackUrl: "/statement" });
  // the signed-in student's own statement, of last month (or this one for a new account)
  return <StatementPage userId={user.id} month={null} now={clockNow()} />;
}
