"use client";

import { useQueryClient } from "@tanstack/react-query";
import { WifiOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect } from "react";
import { now } from "@/lib/clock";
import { formatAsOf, LAST_SUMMARY_KEY, type LastSummary, parseLastSummary } from "./last-summary";
import { useOnline } from "./use-online";

function readLastSummary(studentNo: string): LastSummary | null {
  try {
    return parseLastSummary(localStorage.getItem(LAST_SUMMARY_KEY), studentNo);
  } catch {
    return null;
  }
}

/**
 * In the student shell: offline, a banner with the last balance, quota and speed mode this
 * device saw and when ("截至 21:05（离线）"); back online, the page and the queries refresh
 * by themselves.
 */
export function OfflineStatus({ studentNo }: { studentNo: string }) {
  const online = useOnline();
  const router = useRouter();
  const queryClient = useQueryClient();

  useEffect(() => {
    const back = () => {
      router.refresh();
      void queryClient.invalidateQueries();
    };
    window.addEventListener("online", back);
    return () => window.removeEventListener("online", back);
  }, [router, queryClient]);

  if (online) return null;
  return <OfflineBanner summary={readLastSummary(studentNo)} />;
}

function OfflineBanner({ summary }: { summary: LastSummary | null }) {
  const t = useTranslations("offline");
  const locale = useLocale();
  return (
    <section
      role="status"
      aria-labelledby="offline-banner-title"
      data-testid="offline-banner"
      className="mb-4 rounded-xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-600/25 ring-inset"
    >
      <h2 id="offline-banner-title" className="flex items-center gap-2 text-sm font-semibold">
        <WifiOff aria-hidden className="size-4 shrink-0" />
        {t("banner")}
      </h2>
      {summary ? (
        <>
          <dl className="mt-3 grid grid-cols-3 gap-2 text-sm max-[359px]:grid-cols-1">
            <div>
              <dt className="text-xs text-amber-900">{t("balance")}</dt>
              <dd className="font-semibold tabular-nums" data-testid="offline-balance">
                {summary.balanceText}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-amber-900">{t("quota")}</dt>
              <dd className="font-semibold tabular-nums" data-testid="offline-quota">
                {summary.quotaText}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-amber-900">{t("speed")}</dt>
              <dd className="font-semibold" data-testid="offline-speed">
                {t(summary.speedMode === "THROTTLED" ? "mode.throttled" : "mode.highSpeed")}
              </dd>
            </div>
          </dl>
          <p className="mt-2 text-xs text-amber-900" data-testid="offline-as-of">
            {t("asOf", { time: formatAsOf(new Date(summary.fetchedAt), now(), locale) })}
          </p>
        </>
      ) : (
        <p className="mt-1 text-sm text-amber-900">{t("noSummary")}</p>
      )}
    </section>
  );
}
