// The appeal part of one 换购记录 row, as display strings built on the server (no server-only imports).
import { formatBytes, formatDateTime } from "@/lib/format";
import type { AppealState } from "@/modules/appeals/rules";
import type { ExchangeAppealStatus } from "@/modules/appeals/service";

export type AppealRowView =
  | { kind: "eligible"; holdingId: string; name: string; priceText: string; closesIso: string; closesText: string }
  | { kind: "windowClosed"; closedIso: string; closedText: string; hours: number }
  | { kind: "tooMuchUsed"; usedText: string; maxText: string }
  | { kind: "appealed"; state: AppealState; reason: string; filedIso: string; filedText: string; decidedText: string | null; decisionReason: string | null };

/**
 * null when there is nothing to say: the package is no longer in use (used up, expired, refunded
 * other than by an appeal). A closed window is explained only while the package is still in use,
 * the one row where a student would look for the button.
 */
export function toAppealRowView(
  status: ExchangeAppealStatus | undefined,
  row: { id: string; name: string; priceText: string },
  policy: { windowHours: number; maxUsedBytes: bigint },
  locale: string,
): AppealRowView | null {
  if (!status) return null;
  switch (status.status) {
    case "ELIGIBLE":
      return {
        kind: "eligible",
        holdingId: row.id,
        name: row.name,
        priceText: row.priceText,
        closesIso: status.closesAt.toISOString(),
        closesText: formatDateTime(status.closesAt, locale),
      };
    case "WINDOW_CLOSED":
      return { kind: "windowClosed", closedIso: status.closedAt.toISOString(), closedText: formatDateTime(status.closedAt, locale), hours: policy.windowHours };
    case "TOO_MUCH_USED":
      return { kind: "tooMuchUsed", usedText: formatBytes(status.usedBytes, locale), maxText: formatBytes(status.maxUsedBytes, locale) };
    case "APPEALED": {
      const a = status.appeal;
      return {
        kind: "appealed",
        state: a.state,
        reason: a.reason,
        filedIso: a.createdAt.toISOString(),
        filedText: formatDateTime(a.createdAt, locale),
        decidedText: a.decidedAt ? formatDateTime(a.decidedAt, locale) : null,
        decisionReason: a.decisionReason,
      };
    }
    case "NOT_ACTIVE":
      return null;
  }
}
