"use client";

import { TriangleAlert } from "@/components/icons/lucide/triangle-alert";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FieldError, Label } from "@/components/ui/input";
import { formatFen, type MoneyParseErrorCode, yuanSchema } from "@/lib/money";
import { isPackageMultiple } from "@/modules/recharge/shared";
import { fenToAmountYuan } from "./recharge-view";
import { YuanInput } from "./yuan-input";

/**
 * The counter amount as typed, run through yuanSchema for its inline error (the action parses
 * the same text once more, on the server); then the package rule, advisory until the server decides.
 */
export function useCounterAmount(prices: bigint[]) {
  const t = useTranslations("counter.form");
  const tm = useTranslations("common.money");
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  let fen: bigint | null = null;
  let error: string | null = null;
  if (text.trim() !== "") {
    const parsed = yuanSchema.safeParse(text);
    if (!parsed.success) error = tm((parsed.error.issues[0]?.message ?? "INVALID_FORMAT") as MoneyParseErrorCode);
    else if (parsed.data <= 0n) error = t("amountZero");
    else fen = parsed.data;
  } else if (touched) {
    error = tm("EMPTY");
  }
  const followsRule = fen !== null && isPackageMultiple(fen, prices);
  const reset = () => {
    setText("");
    setTouched(false);
  };
  return { text, setText, setTouched, fen, error, followsRule, reset };
}
export type CounterAmount = ReturnType<typeof useCounterAmount>;

/** The amount field with the package rule and the prices on sale as buttons that fill it in. */
export function CounterAmountField({ id, amount, prices }: { id: string; amount: CounterAmount; prices: bigint[] }) {
  const t = useTranslations("counter.form");
  const locale = useLocale();
  const fen = (v: bigint) => formatFen(v, locale);
  const msgId = useId();
  const ruleId = useId();
  return (
    <div>
      <Label htmlFor={id}>{t("amount")}</Label>
      <YuanInput
        className="max-w-xs"
        id={id}
        value={amount.text}
        invalid={Boolean(amount.error)}
        aria-describedby={`${msgId} ${ruleId}`}
        onChange={(event) => amount.setText(event.target.value)}
        onBlur={() => amount.setTouched(true)}
        data-testid="counter-amount"
      />
      <FieldError id={msgId}>{amount.error}</FieldError>
      {amount.fen !== null && !amount.followsRule ? (
        <p id={msgId} className="mt-1.5 flex items-start gap-1.5 text-sm font-medium text-amber-700" data-testid="counter-amount-warning">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          {t("amountBreaksRule", { amount: fen(amount.fen), prices: prices.map(fen).join(" / ") })}
        </p>
      ) : null}
      <div id={ruleId} className="mt-2 text-sm text-slate-600">
        <p>{t("amountRule")}</p>
        <div className="mt-2 flex flex-wrap gap-2" aria-label={t("pricesLabel")}>
          {prices.map((p) => (
            <button
              key={p.toString()}
              type="button"
              onClick={() => amount.setText(fenToAmountYuan(p))}
              className="h-9 rounded-lg bg-slate-100 px-3 text-sm font-medium text-slate-800 tabular-nums ring-1 ring-slate-300 ring-inset hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
            >
              {fen(p)}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
