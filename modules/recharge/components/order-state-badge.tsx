import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { OrderDisplayState } from "@/modules/recharge/shared";

const tones: Record<OrderDisplayState, BadgeTone> = {
  AWAITING_PAYMENT: "amber",
  PROCESSING: "blue",
  CREDITED: "green",
  CLOSED: "gray",
  UNDER_REVIEW: "red",
};

/** 待支付 / 处理中 / 已到账 / 已关闭 / 待核实 */
export function OrderStateBadge({ state }: { state: OrderDisplayState }) {
  const t = useTranslations("recharge.state");
  return (
    <Badge tone={tones[state]} dot={state === "PROCESSING" || state === "AWAITING_PAYMENT"} data-state={state}>
      {t(state)}
    </Badge>
  );
}
