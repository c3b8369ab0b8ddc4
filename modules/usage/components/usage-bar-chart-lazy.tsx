"use client";
// recharts is most of the home page's JavaScript and its first render is most of the home's
// main-thread work (docs/decisions/024-web-speed.md). The charts sit below the fold on a phone,
// so their module is loaded only when the chart's box comes near the screen, in a box of the
// chart's own height (no layout shift). The caption and the screen-reader table are rendered
// on the server around it (./usage-bar-chart-figure.tsx), so the figures are there before (and without) the chart.
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import type { UsageLabels } from "./usage-bar-chart";
import type { UsageBar } from "./usage-chart-data";

const UsageBars = dynamic(() => import("./usage-bar-chart").then((m) => m.UsageBars), {
  ssr: false,
  loading: () => <Skeleton className="h-52 w-full sm:h-60" />,
});

/** Starts loading a little before the box scrolls into view. */
const NEAR_VIEW = "150px 0px";

export type LazyUsageBarsProps = {
  bars: UsageBar[];
  /** one sentence for screen readers: what the chart shows (the svg's title) */
  summary: string;
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
 * The chart's box: a skeleton of the chart's height until the box comes near the screen, then
 * the recharts bars (./usage-bar-chart.tsx). The caption and the screen-reader table around it
 * are rendered on the server (./usage-bar-chart-figure.tsx), so hydrating this island formats
 * nothing (the first Intl formatter a page builds costs ~50 ms of a phone's main thread).
 */
export function LazyUsageBars({ bars, summary, maxBarSize = 18, locale, labels }: LazyUsageBarsProps) {
  const [ref, near] = useNearView<HTMLDivElement>();
  return (
    <div ref={ref}>
      {near ? (
        <UsageBars bars={bars} summary={summary} maxBarSize={maxBarSize} locale={locale} labels={labels} />
      ) : (
        <Skeleton className="h-52 w-full sm:h-60" />
      )}
    </div>
  );
}
