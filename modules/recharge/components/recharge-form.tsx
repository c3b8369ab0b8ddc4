"use client";

import { Check, ShieldAlert, UserRound } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, FieldHint, Label } from "@/components/ui/input";
import { formatFen } from "@/lib/money";
import { createRechargeOrderAction, lookupRechargeTargetAction } from "@/modules/recharge/actions";
import { type AmountIssue, checkTypedAmount, fenToAmountYuan, presetsWithin } from "./recharge-view";
import { ChannelMark } from "./channel-mark";
import { StudentNoField, useStudentLookup } from "./student-lookup";
import { useSafeAction } from "@/lib/use-safe-action";
import { YuanInput } from "./yuan-input";

export type RechargeChannel = "WECHAT" | "ALIPAY" | "SANDBOX";

export type RechargeFormProps = {
  /** the policy, fen as strings */
  minFen: string;
  maxFen: string;
  orderTimeoutMinutes: number;
  channels: RechargeChannel[];
  /** the signed-in student: their own account is the default target */
  self: { name: string; studentNo: string };
};

type Target = { studentNo: string; maskedName: string; isSelf: boolean };
type Choice = { kind: "preset"; yuan: number } | { kind: "custom" } | null;

/**
 * 线上充值: a preset or a typed amount, a channel, optionally another account (looked up and
 * shown masked), then a confirmation of account and amount (请务必核对充值账号) before the
 * order is created and the browser goes to the gateway's payment page.
 */
export function RechargeForm({ minFen, maxFen, orderTimeoutMinutes, channels, self }: RechargeFormProps) {
  const t = useTranslations("recharge.form");
  const tm = useTranslations("common.money");
  const locale = useLocale();
  const policy = useMemo(() => ({ minFen: BigInt(minFen), maxFen: BigInt(maxFen) }), [minFen, maxFen]);
  const presets = useMemo(() => presetsWithin(policy), [policy]);
  const fen = (v: bigint) => formatFen(v, locale);

  const [choice, setChoice] = useState<Choice>(null);
  const [customText, setCustomText] = useState("");
  const [customTouched, setCustomTouched] = useState(false);
  const [channel, setChannel] = useState<RechargeChannel | null>(channels[0] ?? null);
  const [forOther, setForOther] = useState(false);
  const targetLookup = useStudentLookup({
    find: lookupRechargeTargetAction,
    messages: { required: t("other.required"), notFound: t("other.invalid"), network: t("network") },
  });
  const { studentNo: otherNo, found: target, pending: lookupPending, lookup } = targetLookup;
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  // On the way to the gateway the button keeps spinning: no second order by a second tap.
  const [leaving, setLeaving] = useState(false);
  const order = useSafeAction(createRechargeOrderAction, {
    messages: { invalid: t("validation"), network: t("network") },
    onSuccess: (data) => {
      setLeaving(true);
      window.location.assign(data.payUrl);
    },
  });
  const pending = order.pending || leaving;
  const error = order.errorMessage;
  const customRef = useRef<HTMLInputElement>(null);

  const amountId = useId();
  const amountHintId = useId();
  const amountErrorId = useId();
  const otherId = useId();
  const otherErrorId = useId();

  const customCheck = choice?.kind === "custom" ? checkTypedAmount(customText, policy) : null;
  const amountFen: bigint | null = choice?.kind === "preset" ? BigInt(choice.yuan) * 100n : customCheck?.ok ? customCheck.fen : null;
  const showCustomIssue = choice?.kind === "custom" && customCheck && !customCheck.ok && (customTouched || customText.trim() !== "");

  const issueText = (issue: AmountIssue): string => {
    switch (issue.kind) {
      case "money":
        return tm(issue.code);
      case "tooSmall":
        return t("amount.tooSmall", { min: fen(issue.minFen) });
      case "tooLarge":
        return t("amount.tooLarge", { max: fen(issue.maxFen) });
    }
  };

  const effectiveTarget: Target | null = forOther ? target : { studentNo: self.studentNo, maskedName: self.name, isSelf: true };

  const review = async () => {
    setFormError(null);
    if (choice === null) {
      setFormError(t("amount.choose"));
      return;
    }
    if (choice.kind === "custom") setCustomTouched(true);
    if (amountFen === null) {
      if (choice.kind === "custom") customRef.current?.focus();
      return;
    }
    if (!channel) return;
    if (forOther && (!target || target.studentNo !== otherNo.trim())) {
      const found = await lookup();
      if (!found) return;
    }
    order.setErrorMessage(null);
    setConfirmOpen(true);
  };

  const pay = () => {
    if (pending || amountFen === null || !channel || !effectiveTarget) return;
    order.execute({
      amountYuan: fenToAmountYuan(amountFen),
      channel,
      targetStudentNo: forOther && !effectiveTarget.isSelf ? effectiveTarget.studentNo : null,
    });
  };

  if (channels.length === 0 || !channel) {
    return (
      <p role="alert" className="rounded-xl bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-600/20 ring-inset" data-testid="recharge-no-channel">
        {t("noChannel")}
      </p>
    );
  }

  const tile =
    "flex h-16 cursor-pointer items-center justify-center rounded-xl bg-white text-xl font-semibold text-slate-900 tabular-nums shadow-sm ring-1 ring-slate-300 ring-inset transition-colors select-none " +
    "hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-800 has-[:checked]:ring-2 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700";

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void review();
      }}
      className="space-y-6"
    >
      {/* The account being recharged */}
      <section aria-labelledby={`${otherId}-title`} className="rounded-2xl bg-white p-4 shadow-card ring-1 ring-slate-900/5 sm:p-5">
        <h2 id={`${otherId}-title`} className="text-sm font-medium text-slate-500">
          {t("account.title")}
        </h2>
        {!forOther ? (
          <p className="mt-1.5 flex items-center gap-2 text-[15px] text-slate-900" data-testid="recharge-account">
            <UserRound aria-hidden className="size-4.5 text-slate-400" />
            <span className="font-semibold">{self.name}</span>
            <span className="text-slate-500 tabular-nums">{t("account.studentNo", { studentNo: self.studentNo })}</span>
          </p>
        ) : null}
        <label className="mt-3 flex min-h-11 cursor-pointer items-center gap-3 text-[15px] text-slate-800">
          <input
            type="checkbox"
            checked={forOther}
            onChange={(event) => {
              setForOther(event.target.checked);
              targetLookup.setError(null);
            }}
            className="size-5 rounded accent-brand-700"
            data-testid="recharge-other-toggle"
          />
          {t("other.toggle")}
        </label>
        {forOther ? (
          <div className="mt-2">
            <Label htmlFor={otherId}>{t("other.label")}</Label>
            <StudentNoField
              id={otherId}
              errorId={otherErrorId}
              lookup={targetLookup}
              inputMode="text"
              placeholder={t("other.placeholder")}
              onChange={targetLookup.change}
              data-testid="recharge-other-input"
              buttonLabel={t("other.lookup")}
            />
            {target ? (
              <div className="mt-3 flex items-start gap-3 rounded-xl bg-brand-50 p-3.5 ring-1 ring-brand-700/15 ring-inset" data-testid="recharge-target" role="status">
                <Check aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-700" />
                <div className="min-w-0 text-[15px]">
                  <p className="text-slate-900">
                    <span className="font-semibold">{target.maskedName}</span>
                    <span aria-hidden>{" · "}</span>
                    <span className="tabular-nums">{t("account.studentNo", { studentNo: target.studentNo })}</span>
                  </p>
                  <p className="mt-0.5 text-sm text-slate-600">{target.isSelf ? t("other.isSelf") : t("other.check")}</p>
                </div>
              </div>
            ) : null}
          </div>
        ) : null}
      </section>

      {/* Amount */}
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
                  setCustomText("");
                  setCustomTouched(false);
                  setFormError(null);
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
                setFormError(null);
                requestAnimationFrame(() => customRef.current?.focus());
              }}
            />
            {t("amount.other")}
          </label>
        </div>

        <div className="mt-3">
          <Label htmlFor={amountId}>{t("amount.customLabel")}</Label>
          <YuanInput
            ref={customRef}
            id={amountId}
            value={customText}
            enterKeyHint="done"
            placeholder={t("amount.customPlaceholder", { min: fen(policy.minFen) })}
            invalid={Boolean(showCustomIssue)}
            aria-describedby={showCustomIssue ? `${amountErrorId} ${amountHintId}` : amountHintId}
            onFocus={() => {
              if (choice?.kind !== "custom") setChoice({ kind: "custom" });
              setFormError(null);
            }}
            onChange={(event) => {
              setChoice({ kind: "custom" });
              setCustomText(event.target.value);
            }}
            onBlur={() => setCustomTouched(true)}
            data-testid="recharge-amount-input"
          />
          {showCustomIssue && customCheck && !customCheck.ok ? <FieldError id={amountErrorId}>{issueText(customCheck.issue)}</FieldError> : null}
          <FieldHint id={amountHintId}>{t("amount.hint", { min: fen(policy.minFen), max: fen(policy.maxFen) })}</FieldHint>
        </div>
      </fieldset>

      {/* Channel */}
      <fieldset>
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("channel.title")}</legend>
        <div className="grid gap-2.5">
          {channels.map((c) => (
            <label
              key={c}
              data-testid={`recharge-channel-${c}`}
              className="flex min-h-14 cursor-pointer items-center gap-3 rounded-xl bg-white px-4 shadow-sm ring-1 ring-slate-300 ring-inset has-[:checked]:ring-2 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700"
            >
              <ChannelMark channel={c} />
              <span className="min-w-0 flex-1">
                <span className="block text-[15px] font-medium text-slate-900">{t(`channel.${c}`)}</span>
                {c === "SANDBOX" ? <span className="block text-xs text-slate-500">{t("channel.sandboxNote")}</span> : null}
              </span>
              <input type="radio" name="channel" checked={channel === c} onChange={() => setChannel(c)} className="size-5 accent-brand-700" />
            </label>
          ))}
        </div>
      </fieldset>

      {formError ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {formError}
        </p>
      ) : null}

      <div className="sticky bottom-[calc(4rem+env(safe-area-inset-bottom))] z-10 -mx-4 bg-slate-50/95 px-4 py-2 backdrop-blur md:static md:mx-0 md:bg-transparent md:p-0 md:backdrop-blur-none">
        <Button type="submit" size="lg" fullWidth pending={lookupPending} data-testid="recharge-submit">
          {amountFen !== null ? t("submitAmount", { amount: fen(amountFen) }) : t("submit")}
        </Button>
      </div>

      <ConfirmDialog
        open={confirmOpen}
        onOpenChange={setConfirmOpen}
        title={t("confirm.title")}
        confirmLabel={amountFen !== null ? t("confirm.pay", { amount: fen(amountFen) }) : t("confirm.payPlain")}
        pending={pending}
        pendingLabel={t("confirm.pending")}
        error={error}
        onConfirm={pay}
      >
        {effectiveTarget && amountFen !== null && channel ? (
          <div data-testid="recharge-confirm">
            <p className="flex gap-2 rounded-xl bg-amber-50 px-3.5 py-3 text-sm font-medium text-amber-900 ring-1 ring-amber-600/20 ring-inset">
              <ShieldAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
              {t("confirm.check")}
            </p>
            <dl className="mt-4 space-y-2.5 text-[15px]">
              <div className="flex items-baseline justify-between gap-3">
                <dt className="text-slate-600">{t("confirm.account")}</dt>
                <dd className="text-right text-slate-900" data-testid="recharge-confirm-account">
                  <span className="font-semibold">{effectiveTarget.maskedName}</span>
                  <span className="block text-sm text-slate-600 tabular-nums">{t("account.studentNo", { studentNo: effectiveTarget.studentNo })}</span>
                </dd>
              </div>
              {!effectiveTarget.isSelf ? (
                <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">{t("confirm.forOther")}</p>
              ) : null}
              <div className="flex items-baseline justify-between gap-3">
                <dt className="text-slate-600">{t("confirm.channel")}</dt>
                <dd className="text-slate-900">{t(`channel.${channel}`)}</dd>
              </div>
              <div className="flex items-baseline justify-between gap-3 border-t border-slate-200 pt-2.5">
                <dt className="font-medium text-slate-900">{t("confirm.amount")}</dt>
                <dd className="text-2xl font-semibold text-brand-800 tabular-nums" data-testid="recharge-confirm-amount">
                  {fen(amountFen)}
                </dd>
              </div>
            </dl>
            <p className="mt-3 text-xs text-slate-500">{t("confirm.timeout", { minutes: orderTimeoutMinutes })}</p>
          </div>
        ) : null}
      </ConfirmDialog>
    </form>
  );
}
