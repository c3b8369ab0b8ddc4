"use client";
// A balance (¥) or quota (GB) adjustment with a reason: the form checks the figures, a
// confirmation repeats them, then the action books it (a ledger entry or a quota record, never
// an edit). One random key per form fill: a double submission books once.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, Input, Label, Select, Textarea } from "@/components/ui/input";
import { useSafeAction } from "@/lib/use-safe-action";
import { adjustBalanceAction, adjustQuotaAction } from "../actions";
import { adjustBalanceSchema, adjustQuotaSchema } from "../schemas";

type Kind = "balance" | "quota";

export function AdjustmentForm({ kind, userId }: { kind: Kind; userId: string }) {
  const t = useTranslations("admin.act");
  const router = useRouter();
  const ids = { dir: useId(), amount: useId(), reason: useId(), amountErr: useId(), reasonErr: useId() };
  const [direction, setDirection] = useState(kind === "balance" ? "credit" : "add");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<{ amount?: string; reason?: string }>({});
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const onSuccess = (message: string) => {
    setConfirming(false);
    setAmount("");
    setReason("");
    setKey(crypto.randomUUID());
    setDone(message);
    router.refresh();
  };
  const balance = useSafeAction(adjustBalanceAction, { onSuccess: (d) => onSuccess(d.created ? t("adjust.doneBalance") : t("adjust.already")) });
  const quota = useSafeAction(adjustQuotaAction, { onSuccess: (d) => onSuccess(d.created ? t("adjust.doneQuota") : t("adjust.already")) });
  const run = kind === "balance" ? balance : quota;

  const input = { userId, direction, reason, key, ...(kind === "balance" ? { amount } : { gb: amount }) };
  const check = () => {
    const parsed = (kind === "balance" ? adjustBalanceSchema : adjustQuotaSchema).safeParse(input);
    const next: { amount?: string; reason?: string } = {};
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === "amount" || field === "gb") next.amount = kind === "balance" ? t("validation.amount") : t("validation.gb");
        if (field === "reason") next.reason = t("validation.reason");
      }
    if (!next.amount && amount.trim() && Number(amount) === 0) next.amount = kind === "balance" ? t("validation.amount") : t("validation.gb");
    setErrors(next);
    if (Object.keys(next).length === 0) {
      setDone(null);
      run.setErrorMessage(null);
      setConfirming(true);
    }
  };
  const submit = () => {
    if (kind === "balance") balance.execute(input as Parameters<typeof balance.execute>[0]);
    else quota.execute(input as Parameters<typeof quota.execute>[0]);
  };
  const unit = kind === "balance" ? "¥" : "GB";
  const directionText = t(`adjust.${direction}` as "adjust.credit");

  return (
    <form
      noValidate
      className="space-y-3"
      data-testid={`adjust-${kind}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        check();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
        <div>
          <Label htmlFor={ids.dir}>{t("adjust.direction")}</Label>
          <Select id={ids.dir} value={direction} onChange={(e) => setDirection(e.target.value)}>
            {(kind === "balance" ? ["credit", "debit"] : ["add", "remove"]).map((d) => (
              <option key={d} value={d}>
                {t(`adjust.${d}` as "adjust.credit")}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor={ids.amount}>{kind === "balance" ? t("adjust.amountYuan") : t("adjust.amountGb")}</Label>
          <Input
            id={ids.amount}
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            invalid={!!errors.amount}
            aria-describedby={errors.amount ? ids.amountErr : undefined}
            onChange={(e) => setAmount(e.target.value)}
          />
          <FieldError id={ids.amountErr}>{errors.amount}</FieldError>
        </div>
      </div>
      <div>
        <Label htmlFor={ids.reason}>{t("reason")}</Label>
        <Textarea
          id={ids.reason}
          value={reason}
          maxLength={500}
          invalid={!!errors.reason}
          aria-describedby={errors.reason ? ids.reasonErr : undefined}
          placeholder={t("reasonPlaceholder")}
          onChange={(e) => setReason(e.target.value)}
          className="min-h-16"
        />
        <FieldError id={ids.reasonErr}>{errors.reason}</FieldError>
      </div>
      <Button type="submit" size="sm">
        {kind === "balance" ? t("adjust.submitBalance") : t("adjust.submitQuota")}
      </Button>
      {done ? (
        <p role="status" className="text-sm text-green-700" data-testid={`adjust-${kind}-done`}>
          {done}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={kind === "balance" ? t("adjust.confirmBalanceTitle") : t("adjust.confirmQuotaTitle")}
        confirmLabel={t("adjust.confirm")}
        onConfirm={submit}
        pending={run.pending}
        error={run.errorMessage}
        tone={direction === "debit" || direction === "remove" ? "danger" : "primary"}
      >
        <p>
          {directionText}: <strong>{kind === "balance" ? `${unit}${amount.trim()}` : `${amount.trim()} ${unit}`}</strong>
        </p>
        <p className="mt-1">
          {t("reason")}: {reason.trim()}
        </p>
      </ConfirmDialog>
    </form>
  );
}
