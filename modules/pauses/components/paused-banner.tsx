import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { formatDate } from "@/lib/format";
import { getPauseOverview } from "@/modules/pauses/service";
import { splitRemaining } from "./pause-view";

/**
 * The home page's line about 停机保号: paused (with the resume date and the frozen package) or a
 * pause scheduled. Nothing when neither. Reads its own overview so the home page only places it.
 */
export async function PausedBanner({ userId }: { userId: string }) {
  const [t, locale, o] = await Promise.all([getTranslations("pauses.banner"), getLocale(), getPauseOverview(userId)]);
  const paused = o.open?.state === "ACTIVE" || (o.status === "PAUSED" && !o.open);
  if (!paused && o.open?.state !== "SCHEDULED") return null;
  const manage = (
    <Link href="/network#pause" className="font-medium text-brand-800 underline underline-offset-2">
      {t("manage")}
    </Link>
  );
  if (!paused && o.open) {
    return (
      <Alert tone="info" action={manage}>
        <span data-testid="pause-banner" data-state="SCHEDULED">
          {t("scheduled", { start: formatDate(o.open.startsAt, locale), date: formatDate(o.open.endsAt, locale) })}
        </span>
      </Alert>
    );
  }
  const frozen = o.holding?.frozen ? splitRemaining(o.holding.remainingMs) : null;
  return (
    <Alert tone="warning" action={manage}>
      <span data-testid="pause-banner" data-state="ACTIVE">
        {o.open ? t("paused", { date: formatDate(o.open.endsAt, locale) }) : t("pausedNoDate")}
        {frozen ? <span className="block">{t("frozen", { days: frozen.days })}</span> : null}
      </span>
    </Alert>
  );
}
