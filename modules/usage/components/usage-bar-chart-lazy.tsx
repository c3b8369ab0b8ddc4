"use client";
// recharts is most of the home page's JavaScript and its first render is most of the home's
// main-thread work (docs/decisions/024-web-speed.md). The charts sit below the fold on a phone,
// so their module is loaded only when the chart's box comes near the screen, in a box of the
// chart's own height (no layout shift). The caption and the screen-reader table are rendered
// with the page, so the figures are there before (and without) the chart.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { formatBytes } from "@/lib/format";
import type { UsageLabels } from "./usage-bar-chart";
import type { UsageBar } from "./usage-chart-data";

const UsageBars = dynamic(() => import("./usage-bar-chart").then((m) => m.UsageBars), {
  ssr: false,
  loading: () => <Skeleton className="h-52 w-full sm:h-60" />,
});

/** Starts loading a little before the box scrolls into view. */
const NEAR_VIEW = "150px 0px";

export type UsageBarChartProps = {
  bars: UsageBar[];
  /** one sentence for screen readers: what the chart shows */
  summary: string;
  /** heading of the first column of the screen-reader table ("日期" / "月份") */
  periodHeading: string;
  /** the tallest bar's width in px (wide for months, narrow for days) */
  maxBarSize?: number;
  locale: string;
  /** translated by the (server) caller: this island ships no next-intl */
  labels: UsageLabels;
};

/** True once the element has come within NEAR_VIEW of the viewport (and stays true). */
function useNearView<T extends Element>() {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: NEAR_VIEW },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  return [ref, near] as const;
}

/**
 * Stacked download/upload bars in GB (./usage-bar-chart.tsx, loaded near the viewport). The
 * same numbers are in a visually hidden table for screen readers.
 */
export function UsageBarChart({ bars, summary, periodHeading, maxBarSize = 18, locale, labels }: UsageBarChartProps) {
  const [ref, near] = useNearView<HTMLDivElement>();
  return (
    <figure className="m-0">
      <figcaption className="sr-only">{summary}</figcaption>
      <div ref={ref}>
        {near ? (
          <UsageBars bars={bars} summary={summary} maxBarSize={maxBarSize} locale={locale} labels={labels} />
        ) : (
          <Skeleton className="h-52 w-full sm:h-60" />
        )}
      </div>
      <table className="sr-only">
        <thead>
          <tr>
            <th scope="col">{periodHeading}</th>
            <th scope="col">{labels.download}</th>
            <th scope="col">{labels.upload}</th>
            <th scope="col">{labels.total}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.key}>
              <th scope="row">{bar.fullLabel}</th>
              <td>{formatBytes(bar.downloadBytes, locale)}</td>
              <td>{formatBytes(bar.uploadBytes, locale)}</td>
              <td>{formatBytes(bar.downloadBytes + bar.uploadBytes, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
