import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { bindFormatters, type Formatters } from "@/i18n/formatters";

/** Locale-bound formatters in async server components: `const f = await getFormat(); f.fen(x)`. */
export async function getFormat(): Promise<Formatters> {
  return bindFormatters(await getLocale());
}

/** The localised message for a MoneyParseError code (common.money.*). */
export async function moneyErrorMessage(code: string): Promise<string> {
  const t = await getTranslations("common.money");
  return t.has(code) ? t(code) : t("INVALID_FORMAT");
}
