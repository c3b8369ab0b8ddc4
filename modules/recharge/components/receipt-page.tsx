import type { ReactNode } from "react";
import type { Receipt as ReceiptRecord } from "@/modules/recharge/records.service";
import { Receipt } from "./receipt";

/**
 * The receipt page's body, for the student's and the counter's route: the header, then the
 * receipt. A counter recharge has no payment time of its own on the counter's copy.
 */
export function ReceiptPage({ receipt: r, header, hideCounterPaidAt = false }: { receipt: ReceiptRecord; header: ReactNode; hideCounterPaidAt?: boolean }) {
  return (
    <div className="mx-auto max-w-xl">
      {header}
      <Receipt
        receipt={{
          orderNo: r.orderNo,
          channel: r.channel,
          amountFen: r.amountFen.toString(),
          refundedFen: r.refundedFen.toString(),
          account: r.account,
          paidAt: hideCounterPaidAt && r.channel === "COUNTER" ? null : (r.paidAt?.toISOString() ?? null),
          creditedAt: r.creditedAt.toISOString(),
          gatewayTxnRef: r.gatewayTxnRef,
          journalEntryId: r.journalEntryId,
          operator: r.operator,
          note: r.note,
        }}
      />
    </div>
  );
}
