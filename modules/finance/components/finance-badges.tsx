import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { isFlagReason } from "@/modules/orders/flags";

type OrderState = "CREATED" | "PAID" | "CREDITED" | "CLOSED" | "FLAGGED";

const stateTones: Record<OrderState, BadgeTone> = { CREATED: "amber", PAID: "blue", CREDITED: "green", CLOSED: "gray", FLAGGED: "red" };

/** The order's state as finance sees it (the raw state machine, not the student's wording). */
export function FinanceStateBadge({ state }: { state: OrderState }) {
  const t = useTranslations("finance.state");
  return (
    <Badge tone={stateTones[state]} data-state={state}>
      {t(state)}
    </Badge>
  );
}

/** Why an order is in the queue (or was reversed). */
export function FlagBadge({ reason }: { reason: string | null }) {
  const t = useTranslations("finance.flag");
  if (!reason) return null;
  return <Badge tone={reason === "REVERSED" ? "gray" : "red"}>{isFlagReason(reason) ? t(reason) : reason}</Badge>;
}
