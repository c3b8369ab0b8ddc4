import { useTranslations } from "next-intl";
import { formatDurationWith } from "@/modules/network/components/network-view";

/** A duration in words: "25 分钟", "2 小时 5 分" / "25 min", "2 h 5 min". */
export function useDuration(ms: number): string {
  const t = useTranslations("network.duration");
  return formatDurationWith(t, ms);
}
