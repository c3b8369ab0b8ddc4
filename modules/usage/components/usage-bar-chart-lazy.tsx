"use client";
// recharts is most of the home page's JavaScript and the charts sit below the fold: load them
// after the page is interactive, in a box of the chart's own height (no layout shift).
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

export const UsageBarChart = dynamic(() => import("./usage-bar-chart").then((m) => m.UsageBarChart), {
  ssr: false,
  loading: () => <Skeleton className="h-52 w-full sm:h-60" />,
});
