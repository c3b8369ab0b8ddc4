"use client";

import { useLocale, useTranslations } from "next-intl";
import { type RefObject, useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { FieldError, FieldHint, Label } from "@/components/ui/input";
import { formatFen } from "@/lib/money";
import { type AmountIssue, type AmountPolicyFen, checkTypedAmount } from "./recharge-view";
import { YuanInput } from "./yuan-input";

type Choice = { kind: "preset"; yuan: number } | { kind: "custom" } | null;

/** The amount of an online recharge: a preset or a typed amount, checked against the policy as it is typed. */
export function useRechargeAmount(policy: AmountPolicyFen) {
  const [choice, setChoice] = useState<Choice>(null);
  const [customText, setCustomText] = useState("");
  const [touched, setTouched] = useState(false);
  const check = choice?.kind === "custom" ? checkTypedAmount(customText, policy) : null;
  const fen: bigint | null = choice?.kind === "preset" ? BigInt(choice.yuan) * 100n : check?.ok ? check.fen : null;
  const issue = choice?.kind === "custom" && check && !check.ok && (touched || customText.trim() !== "") ? check.issue : null;
  return {
    policy,
    choice,
    setChoice,
    customText,
    setCustomText,
    setTouched,
    fen,
    issue,
    /** what the action takes: the text as typed, or the preset's yuan (the server parses it once) */
    yuanText: choice?.kind === "preset" ? String(choice.yuan) : customText,
  };
}
export type RechargeAmount = ReturnType<typeof useRechargeAmount>;

const tile =
  "flex h-16 cursor-pointer items-center justify-center rounded-xl bg-white text-xl font-semibold text-slate-900 tabular-nums shadow-sm ring-1 ring-slate-300 ring-inset transition-colors select-none " +
  "hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-800 has-[:checked]:ring-2 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700";

/** Preset tiles (10 / 20 / 50 …), "other amount" and the typed amount with its hint and issue. */
export function AmountPicker({
  amount,
  presets,
  inputRef,
  onPick,
}: {
  amount: RechargeAmount;
  presets: number[];
  inputRef: RefObject<HTMLInputElement | null>;
  /** any choice clears the form's error */ onPick: () => void;
}) {
  const t = useTranslations("recharge.form");
  const tm = useTranslations("common.money");
  const locale = useLocale();
  const fen = (v: bigint) => formatFen(v, locale);
  const { choice, setChoice, policy, issue } = amount;
  const amountId = useId();
  const hintId = useId();
  const errorId = useId();

  const issueText = (i: AmountIssue): string => {
    switch (i.kind) {
      case "money":
        return tm(i.code);
      case "tooSmall":
        return t("amount.tooSmall", { min: fen(i.minFen) });
      case "tooLarge":
        return t("amount.tooLarge", { max: fen(i.maxFen) });
    }
  };

  return (
    <fieldset>
      <legend className="mb-2 text-base font-semibold text-slate-900">{t("amount.title")}</legend>
      <div className="grid grid-cols-3 gap-2.5">
        {presets.map((yuan) => (
          <label key={yuan} className={tile} data-testid={`recharge-preset-${yuan}`}>
            <input
              type="radio"
              name="amount"
              className="sr-only"
              checked={choice?.kind === "preset" && choice.yuan === yuan}
              onChange={() => {
                setChoice({ kind: "preset", yuan });
                amount.setCustomText("");
                amount.setTouched(false);
                onPick();
              }}
            />
            <span>
              <span className="text-base font-medium">¥</span>
              {yuan}
            </span>
          </label>
        ))}
        <label className={cn(tile, "text-base font-medium")} data-testid="recharge-preset-custom">
          <input
            type="radio"
            name="amount"
            className="sr-only"
            checked={choice?.kind === "custom"}
            onChange={() => {
              setChoice({ kind: "custom" });
              onPick();
              requestAnimationFrame(() => inputRef.current?.focus());
            }}
          />
          {t("amount.other")}
        </label>
      </div>

      <div className="mt-3">
        <Label htmlFor={amountId}>{t("amount.customLabel")}</Label>
        <YuanInput
          ref={inputRef}
          id={amountId}
          value={amount.customText}
          enterKeyHint="done"
          placeholder={t("amount.customPlaceholder", { min: fen(policy.minFen) })}
          invalid={Boolean(issue)}
          aria-describedby={issue ? `${errorId} ${hintId}` : hintId}
          onFocus={() => {
            if (choice?.kind !== "custom") setChoice({ kind: "custom" });
            onPick();
          }}
          onChange={(event) => {
            setChoice({ kind: "custom" });
            amount.setCustomText(event.target.value);
          }}
          onBlur={() => amount.setTouched(true)}
          data-testid="recharge-amount-input"
        />
        {issue ? <FieldError id={errorId}>{issueText(issue)}</FieldError> : null}
        <FieldHint id={hintId}>{t("amount.hint", { min: fen(policy.minFen), max: fen(policy.maxFen) })}</FieldHint>
      </div>
    </fieldset>
  );
}
