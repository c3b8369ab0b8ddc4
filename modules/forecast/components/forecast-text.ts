// Forecast sentences for the pages, built on the server (no client JS): the home card's lines
// and the exchange confirmation's "with this package you will last until …".
import type { getTranslations } from "next-intl/server";
import { formatBytes } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { formatMonthDay, localizedName } from "@/modules/quota/components/quota-view";
import { lastsUntilWith, type Advice } from "../rules";
import type { StudentForecast } from "../service";

type T = Awaited<ReturnType<typeof getTranslations<"forecast">>>;

export interface ForecastTexts {
  kind: StudentForecast["forecast"]["kind"];
  headline: string;
  pace: string | null;
  advice: string | null;
  /** the advice names a package: link to /packages */
  showCta: boolean;
}

function adviceText(advice: Advice | null, hasPackage: boolean, locale: string, t: T): string | null {
  if (!advice || advice.kind === "NONE_NEEDED") return null;
  if (advice.kind === "BUY") {
    const values = { name: localizedName(advice.package, locale), price: formatFen(advice.package.priceFen, locale) };
    return t(hasPackage ? "advice.buyAfterPackage" : "advice.buy", values);
  }
  if (!advice.largest) return t("advice.noneOnSale");
  return t("advice.noneEnough", {
    needed: formatBytes(advice.neededBytes, locale),
    name: localizedName(advice.largest, locale),
    price: formatFen(advice.largest.priceFen, locale),
  });
}

/** `t` is the "forecast" namespace's translator. */
export function forecastTexts(f: StudentForecast, locale: string, t: T): ForecastTexts {
  const fc = f.forecast;
  const pace =
    fc.kind !== "NO_HISTORY" && fc.paceBytesPerDay !== null ? t("pace", { days: fc.historyDays, pace: formatBytes(fc.paceBytesPerDay, locale) }) : null;
  switch (fc.kind) {
    case "NO_HISTORY":
      return { kind: fc.kind, headline: t("noHistory"), pace: null, advice: null, showCta: false };
    case "LASTS":
      return { kind: fc.kind, headline: t("lasts"), pace, advice: null, showCta: false };
    case "RUNS_OUT": {
      const advice = adviceText(fc.advice, f.hasPackage, locale, t);
      return { kind: fc.kind, headline: t("runsOut", { date: formatMonthDay(fc.runOutAt, locale) }), pace, advice, showCta: advice !== null };
    }
    case "USED_UP": {
      const advice = adviceText(fc.advice, false, locale, t);
      return { kind: fc.kind, headline: t("usedUp"), pace, advice, showCta: advice !== null };
    }
  }
}

/** "With this package you will last until …" for a package of `quotaBytes`; null without a pace. */
export function lastsUntilText(f: StudentForecast | null, quotaBytes: bigint, locale: string, t: T): string | null {
  if (!f || f.forecast.kind === "NO_HISTORY") return null;
  const r = lastsUntilWith({ now: f.now, remainingBytes: f.remainingBytes, paceBytesPerDay: f.forecast.paceBytesPerDay }, quotaBytes);
  if (!r) return null;
  if (r.lastsMonth || !r.at) return t("dialog.lastsMonth");
  return t("dialog.lastsUntil", { date: formatMonthDay(r.at, locale) });
}
