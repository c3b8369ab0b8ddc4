"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useEffect } from "react";
import { now } from "@/lib/clock";
import { fillText } from "@/components/shell/shell-text";
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
/** The banner's text, translated by the student shell (a Server Component): no next-intl here. */
export type OfflineText = {
  banner: string;
  balance: string;
  quota: string;
  speed: string;
  highSpeed: string;
  throttled: string;
  /** "截至 {time}（离线）" */
  asOf: string;
  noSummary: string;
};

export function OfflineStatus({ studentNo, locale, text, icon }: { studentNo: string; locale: string; text: OfflineText; icon: ReactNode }) {
  const online = useOnline();
  const router = useRouter();

  // Back online, the server data comes again; the live panels' queries (TanStack Query's
  // refetchOnReconnect) refresh themselves.
  useEffect(() => {
    const back = () => router.refresh();
    window.addEventListener("online", back);
    return () => window.removeEventListener("online", back);
  }, [router]);

  if (online) return null;
  return <OfflineBanner summary={readLastSummary(studentNo)} locale={locale} text={text} icon={icon} />;
}

function OfflineBanner({ summary, locale, text, icon }: { summary: LastSummary | null; locale: string; text: OfflineText; icon: ReactNode }) {
  return (
    <section
      role="status"
      aria-labelledby="offline-banner-title"
      data-testid="offline-banner"
      className="mb-4 rounded-xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-600/25 ring-inset"
    >
      <h2 id="offline-banner-title" className="flex items-center gap-2 text-sm font-semibold">
        {icon}
        {text.banner}
      </h2>
      {summary ? (
        <>
          <dl className="mt-3 grid grid-cols-3 gap-2 text-sm max-[359px]:grid-cols-1">
            <div>
              <dt className="text-xs text-amber-900">{text.balance}</dt>
              <dd className="font-semibold tabular-nums" data-testid="offline-balance">
                {summary.balanceText}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-amber-900">{text.quota}</dt>
              <dd className="font-semibold tabular-nums" data-testid="offline-quota">
                {summary.quotaText}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-amber-900">{text.speed}</dt>
              <dd className="font-semibold" data-testid="offline-speed">
                {summary.speedMode === "THROTTLED" ? text.throttled : text.highSpeed}
              </dd>
            </div>
          </dl>
          <p className="mt-2 text-xs text-amber-900" data-testid="offline-as-of">
            {fillText(text.asOf, { time: formatAsOf(new Date(summary.fetchedAt), now(), locale) })}
          </p>
        </>
      ) : (
        <p className="mt-1 text-sm text-amber-900">{text.noSummary}</p>
      )}
    </section>
  );
}
