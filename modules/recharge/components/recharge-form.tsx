"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState } from "react";
import { useOnline } from "@/components/offline/use-online";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatFen } from "@/lib/money";
import { useSafeAction } from "@/lib/use-safe-action";
import { createRechargeOrderAction, lookupRechargeTargetAction } from "@/modules/recharge/actions";
import { ChannelMark } from "./channel-mark";
import { RechargeAccount, type RechargeTarget } from "./recharge-account";
import { AmountPicker, useRechargeAmount } from "./recharge-amount-picker";
import { RechargeConfirmation } from "./recharge-confirm";
import { presetsWithin } from "./recharge-view";
import { useStudentLookup } from "./student-lookup";

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

/**
 * 线上充值: a preset or a typed amount, a channel, optionally another account (looked up and
 * shown masked), then a confirmation of account and amount (请务必核对充值账号) before the
 * order is created and the browser goes to the gateway's payment page.
 */
export function RechargeForm({ minFen, maxFen, orderTimeoutMinutes, channels, self }: RechargeFormProps) {
  const t = useTranslations("recharge.form");
  const tOffline = useTranslations("offline.needsNetwork");
  const locale = useLocale();
  // Offline the order cannot be created: the button says so instead of failing after the tap.
  const online = useOnline();
  const offlineNoteId = useId();
  const policy = useMemo(() => ({ minFen: BigInt(minFen), maxFen: BigInt(maxFen) }), [minFen, maxFen]);
  const presets = useMemo(() => presetsWithin(policy), [policy]);
  const fen = (v: bigint) => formatFen(v, locale);

  const amount = useRechargeAmount(policy);
  const customRef = useRef<HTMLInputElement>(null);
  const amountFen = amount.fen;
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

  const effectiveTarget: RechargeTarget | null = forOther ? target : { studentNo: self.studentNo, maskedName: self.name, isSelf: true };

  const review = async () => {
    setFormError(null);
    if (amount.choice === null) {
      setFormError(t("amount.choose"));
      return;
    }
    if (amount.choice.kind === "custom") amount.setTouched(true);
    if (amountFen === null) {
      if (amount.choice.kind === "custom") customRef.current?.focus();
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
    if (pending || !online || amountFen === null || !channel || !effectiveTarget) return;
    order.execute({
      amountYuan: amount.yuanText,
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

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void review();
      }}
      className="space-y-6"
    >
      <RechargeAccount self={self} forOther={forOther} onForOther={setForOther} lookup={targetLookup} />

      <AmountPicker amount={amount} presets={presets} inputRef={customRef} onPick={() => setFormError(null)} />

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
                <span className="block text-[0.9375rem] font-medium text-slate-900">{t(`channel.${c}`)}</span>
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

      {/* In the flow, not a sticky bar: a bar pinned over the page covered the amount field on phones
          (axe target-size in English) and half the screen at 320 px or 200 % text. */}
      <div>
        <Button
          type="submit"
          size="lg"
          fullWidth
          pending={lookupPending}
          disabled={!online}
          aria-describedby={online ? undefined : offlineNoteId}
          data-testid="recharge-submit"
        >
          {amountFen !== null ? t("submitAmount", { amount: fen(amountFen) }) : t("submit")}
        </Button>
        {online ? null : (
          <p id={offlineNoteId} className="mt-1.5 text-center text-sm font-medium text-amber-800" data-testid="recharge-offline">
            {tOffline("recharge")}
          </p>
        )}
      </div>

      <ConfirmDialog
        open={confirmOpen}
        onOpenChange={setConfirmOpen}
        title={t("confirm.title")}
        confirmLabel={amountFen !== null ? t("confirm.pay", { amount: fen(amountFen) }) : t("confirm.payPlain")}
        pending={pending}
        pendingLabel={t("confirm.pending")}
        confirmDisabled={!online}
        error={online ? order.errorMessage : tOffline("recharge")}
        onConfirm={pay}
      >
        {effectiveTarget && amountFen !== null && channel ? (
          <RechargeConfirmation target={effectiveTarget} channel={channel} amountFen={amountFen} orderTimeoutMinutes={orderTimeoutMinutes} />
        ) : null}
      </ConfirmDialog>
    </form>
  );
}
