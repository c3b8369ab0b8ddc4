import { getLocale, getTranslations } from "next-intl/server";
import Link from "@/components/ui/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { formatMonth } from "@/lib/format";
import { isMonthKey } from "../rules";
import { statementFor, statementMonthsFor } from "../service";
import { MonthPicker } from "./month-picker";
import { PrintButton } from "./print-button";
import { StatementSheet } from "./statement-sheet";

/** /statement and /statement/[month]: the signed-in student's own statement of `month` (null: the default month). */
export async function StatementPage({ userId, month, now }: { userId: string; month: string | null; now: Date }) {
  const [locale, t, picker] = await Promise.all([getLocale(), getTranslations("statement"), statementMonthsFor(userId, now)]);
  const shown = month ?? picker?.defaultMonth ?? null;
  const result = shown ? await statementFor(userId, shown, now) : ({ ok: false, reason: "NOT_FOUND" } as const);
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} className="print:hidden" />
      {picker ? <MonthPicker months={picker.months} current={result.ok ? result.statement.month : null} label={t("months")} locale={locale} /> : null}
      {result.ok ? (
        <StatementSheet statement={result.statement} locale={locale} now={now} actions={<PrintButton label={t("print")} />} />
      ) : (
        <div data-testid="statement-refused">
          <Alert
            tone="warning"
            title={t("refused.title")}
            action={
              picker ? (
                <Link href={`/statement/${picker.defaultMonth}`} className="font-semibold underline underline-offset-2">
                  {t("refused.back")}
                </Link>
              ) : null
            }
          >
            {t(`refused.${result.reason}`, { month: isMonthKey(shown) ? formatMonth(shown, locale) : String(shown ?? "") })}
          </Alert>
        </div>
      )}
    </div>
  );
}
