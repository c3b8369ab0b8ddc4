"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, FieldHint, Input, Label } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { formatFen, type MoneyParseErrorCode, yuanSchema } from "@/lib/money";
import { actionData, useSafeAction } from "@/lib/use-safe-action";
import { getRefundableAction, refundOrderAction } from "@/modules/finance/actions";
import { newRequestKey } from "@/modules/packages/components/exchange-view";
import { fenToAmountYuan } from "@/modules/recharge/components/recharge-view";
import { MIN_REASON, ReasonField, ReasonQuote } from "./reason-field";

/** Query keys of the finance domain. */
export const financeKeys = {
  all: ["finance"] as const,
  refundable: (orderNo: string) => [...financeKeys.all, "refundable", orderNo] as const,
};

type Refundable = {
  kind: "ORIGINAL_ROUTE" | "CASH";
  creditedFen: string;
  refundedFen: string;
  orderRemainingFen: string;
  walletBalanceFen: string;
  maxRefundFen: string;
};
type RefundDone = { refundNo: string; amountFen: string; state: "SUCCEEDED" | "PENDING" | "FAILED"; replayed: boolean };

/**
 * 退款: at most min(what is left of the order, the unspent balance); back the way the money
 * came (the gateway's refund) or as cash for a counter recharge. Reason required, confirmed,
 * one request key per confirmation.
 */
export function RefundPanel({ orderNo, channelName }: { orderNo: string; channelName: string }) {
  const t = useTranslations("finance.refund");
  const tm = useTranslations("common.money");
  const locale = useLocale();
  const router = useRouter();
  const queryClient = useQueryClient();
  const fen = (v: bigint | string) => formatFen(v, locale);
  const amountId = useId();
  const amountErrorId = useId();

  const refundable = useQuery({
    queryKey: financeKeys.refundable(orderNo),
    queryFn: (): Promise<Refundable> => actionData(getRefundableAction({ orderNo }), t("loadError")),
    staleTime: 0,
  });

  const [amountText, setAmountText] = useState("");
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [done, setDone] = useState<RefundDone | null>(null);
  const requestKey = useRef("");

  const refund = useSafeAction(refundOrderAction, {
    messages: { invalid: t("validation"), network: t("network") },
    onSuccess: async (r) => {
      setConfirmOpen(false);
      setDone({ refundNo: r.refundNo, amountFen: r.amountFen, state: r.state, replayed: r.replayed });
      setAmountText("");
      setReason("");
      setTouched(false);
      await queryClient.invalidateQueries({ queryKey: financeKeys.refundable(orderNo) });
      router.refresh();
    },
  });

  const data = refundable.data;
  const maxFen = data ? BigInt(data.maxRefundFen) : 0n;

  let amountFen: bigint | null = null;
  let amountError: string | null = null;
  const text = amountText.trim() === "" && data ? fenToAmountYuan(maxFen) : amountText;
  const parsed = yuanSchema.safeParse(text);
  if (!parsed.success) amountError = tm((parsed.error.issues[0]?.message ?? "INVALID_FORMAT") as MoneyParseErrorCode);
  else {
    amountFen = parsed.data;
    if (amountFen <= 0n) amountError = t("amountZero");
    else if (data && amountFen > maxFen) amountError = t("amountTooLarge", { max: fen(maxFen) });
  }
  const reasonError = reason.trim().length < MIN_REASON ? t("reasonRequired") : null;

  const open = () => {
    setTouched(true);
    if (amountError || reasonError || amountFen === null) return;
    requestKey.current = newRequestKey();
    refund.setErrorMessage(null);
    setConfirmOpen(true);
  };

  const submit = () => {
    if (amountFen === null || refund.pending) return;
    refund.execute({ orderNo, amountYuan: text, reason, requestKey: requestKey.current });
  };

  if (refundable.isPending) return <Skeleton className="h-40 w-full" />;
  if (refundable.isError || !data) {
    return (
      <Alert
        tone="error"
        action={
          <Button size="sm" variant="secondary" onClick={() => void refundable.refetch()}>
            {t("retry")}
          </Button>
        }
      >
        {refundable.error?.message ?? t("loadError")}
      </Alert>
    );
  }

  return (
    <div className="space-y-4" data-testid="refund-panel">
      {done ? (
        <Alert tone={done.state === "FAILED" ? "error" : done.state === "PENDING" ? "warning" : "success"} title={t(`done.${done.state}`)}>
          {t("done.text", { refundNo: done.refundNo, amount: fen(done.amountFen) })}
        </Alert>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <Figure label={t("credited")} value={fen(data.creditedFen)} />
        <Figure label={t("refunded")} value={fen(data.refundedFen)} />
        <Figure label={t("wallet")} value={fen(data.walletBalanceFen)} />
        <Figure label={t("max")} value={fen(data.maxRefundFen)} strong testId="refund-max" />
      </dl>
      <p className="text-sm text-slate-600">{data.kind === "CASH" ? t("kindCash") : t("kindOriginal", { channel: channelName })}</p>
      {maxFen <= 0n ? (
        <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600">{t("nothing")}</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
          <div>
            <Label htmlFor={amountId}>{t("amount")}</Label>
            <Input
              id={amountId}
              value={amountText}
              inputMode="decimal"
              placeholder={fenToAmountYuan(maxFen)}
              invalid={touched && Boolean(amountError)}
              aria-describedby={touched && amountError ? amountErrorId : undefined}
              onChange={(e) => setAmountText(e.target.value)}
              data-testid="refund-amount"
            />
            {touched ? <FieldError id={amountErrorId}>{amountError}</FieldError> : <FieldHint>{t("amountHint")}</FieldHint>}
          </div>
          <ReasonField
            label={t("reason")}
            placeholder={t("reasonPlaceholder")}
            value={reason}
            onChange={setReason}
            error={reasonError}
            touched={touched}
            testId="refund-reason"
          />
          <div className="sm:col-span-2">
            <Button variant="danger" onClick={open} data-testid="refund-submit">
              {t("submit")}
            </Button>
          </div>
        </div>
      )}
      <ConfirmDialog
        open={confirmOpen}
        onOpenChange={setConfirmOpen}
        title={t("confirm.title")}
        confirmLabel={t("confirm.confirm")}
        tone="danger"
        pending={refund.pending}
        pendingLabel={t("confirm.pending")}
        error={refund.errorMessage}
        onConfirm={submit}
      >
        {amountFen !== null ? (
          <div className="space-y-2">
            <p>
              {data.kind === "CASH"
                ? t("confirm.cash", { amount: fen(amountFen), orderNo })
                : t("confirm.original", { amount: fen(amountFen), orderNo, channel: channelName })}
            </p>
            <ReasonQuote label={t("reason")} reason={reason} />
          </div>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

function Figure({ label, value, strong = false, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <div className="rounded-xl bg-slate-50 px-3 py-2.5 ring-1 ring-slate-900/5 ring-inset">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd
        className={strong ? "mt-0.5 text-lg font-semibold text-slate-900 tabular-nums" : "mt-0.5 font-medium text-slate-900 tabular-nums"}
        data-testid={testId}
      >
        {value}
      </dd>
    </div>
  );
}
