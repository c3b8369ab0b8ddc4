import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ExchangeState } from "./exchange-view";

const tones: Record<ExchangeState, BadgeTone> = {
  ACTIVE: "green",
  USED_UP: "gray",
  EXPIRED: "gray",
  REFUNDED: "blue",
  FROZEN: "amber",
};

/** 生效中 / 已用完 / 已过期 / 已退款 / 已冻结 */
export function ExchangeStateBadge({ state }: { state: ExchangeState }) {
  const t = useTranslations("exchanges.state");
  return (
    <Badge tone={tones[state]} dot={state === "ACTIVE"} data-state={state}>
      {t(state)}
    </Badge>
  );
}
