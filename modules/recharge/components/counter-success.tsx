"use client";

import { RotateCcw } from "@/components/icons/lucide/rotate-ccw";
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button, buttonVariants } from "@/components/ui/button";
import { formatFen } from "@/lib/money";
import { PrintButton } from "./print-button";
import { Receipt, type ReceiptView } from "./receipt";

/** After a counter recharge: the receipt to print, its own page, and the next student. */
export function CounterSuccess({ receipt, onNext }: { receipt: ReceiptView; onNext: () => void }) {
  const t = useTranslations("counter.form");
  const locale = useLocale();
  const fen = (v: bigint | string) => formatFen(v, locale);
  return (
    <div className="space-y-4" data-testid="counter-success">
      <Alert
        tone="success"
        title={t("success.title")}
        className="print:hidden"
        action={
          <div className="flex flex-wrap gap-2">
            <PrintButton size="sm" />
            <Link href={`/admin/counter/receipts/${encodeURIComponent(receipt.orderNo)}`} className={buttonVariants({ size: "sm", variant: "secondary" })}>
              {t("success.receiptPage")}
            </Link>
            <Button size="sm" variant="secondary" onClick={onNext} data-testid="counter-next">
              <RotateCcw aria-hidden />
              {t("success.next")}
            </Button>
          </div>
        }
      >
        {t("success.text", { name: receipt.account.name, amount: fen(receipt.amountFen), balance: fen(receipt.balanceAfterFen ?? "0") })}
      </Alert>
      <Receipt receipt={receipt} className="mx-auto max-w-xl" />
    </div>
  );
}
