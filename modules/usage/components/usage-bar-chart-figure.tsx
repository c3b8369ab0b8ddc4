// Server Component: the usage chart's figure. The caption and the screen-reader table (every
// figure formatted here, on the server) wrap the client island that loads the chart itself.
import { formatBytes } from "@/lib/format";
import type { UsageLabels } from "./usage-bar-chart";
import { LazyUsageBars } from "./usage-bar-chart-lazy";
import type { UsageBar } from "./usage-chart-data";

export type UsageBarChartProps = {
  bars: UsageBar[];
  /** one sentence for screen readers: what the chart shows */
  summary: string;
  /** heading of the first column of the screen-reader table ("日期" / "月份") */
  periodHeading: string;
  /** the tallest bar's width in px (wide for months, narrow for days) */
  maxBarSize?: number;
  locale: string;
  labels: UsageLabels;
};

/**
 * Stacked download/upload bars in GB (loaded near the viewport), with the same numbers in a
 * visually hidden table for screen readers.
 */
export function UsageBarChart({ bars, summary, periodHeading, maxBarSize = 18, locale, labels }: UsageBarChartProps) {
  return (
    <figure className="m-0">
      <figcaption className="sr-only">{summary}</figcaption>
      <LazyUsageBars bars={bars} summary={summary} maxBarSize={maxBarSize} locale={locale} labels={labels} />
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
