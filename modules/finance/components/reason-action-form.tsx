"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, Input, Label } from "@/components/ui/input";
import type { SingleInputActionFn } from "next-safe-action/hooks";
import type { ZodType } from "zod";
import type { ActionFailure } from "@/lib/errors";
import { useSafeAction } from "@/lib/use-safe-action";
import { resolveFlaggedOrderAction, reverseEntryAction } from "@/modules/finance/actions";
import { MIN_REASON, ReasonField, ReasonQuote } from "./reason-field";

type Typed = { reason: string; entryId: string };

/**
 * A finance decision that needs a written reason and a confirmation: reversing a ledger
 * entry (冲正) or resolving an order in the queue.
 */
function ReasonActionForm<Schema extends ZodType, E, D>({
  title,
  description,
  submitLabel,
  confirmTitle,
  confirmBody,
  tone = "primary",
  entryIdField,
  action,
  input,
  doneMessage,
  invalidMessage,
  testId,
}: {
  title: string;
  description: ReactNode;
  submitLabel: string;
  confirmTitle: string;
  confirmBody: ReactNode;
  tone?: "primary" | "danger";
  /** a free entry id field (the general 冲正 form); otherwise the entry is fixed by the caller */
  entryIdField?: boolean;
  action: SingleInputActionFn<ActionFailure, Schema, E, D>;
  input: (typed: Typed) => Parameters<SingleInputActionFn<ActionFailure, Schema, E, D>>[0];
  doneMessage: (data: D) => string;
  invalidMessage: string;
  testId: string;
}) {
  const t = useTranslations("finance.reasonForm");
  const router = useRouter();
  const entryId = useId();
  const [reason, setReason] = useState("");
  const [entry, setEntry] = useState("");
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const run = useSafeAction(action, {
    messages: { invalid: invalidMessage, network: t("network") },
    onSuccess: (data) => {
      setOpen(false);
      setDone(doneMessage(data));
      setReason("");
      setEntry("");
      setTouched(false);
      router.refresh();
    },
  });

  const reasonError = reason.trim().length < MIN_REASON ? t("reasonRequired") : null;
  const entryError = entryIdField && !/^[0-9a-f-]{36}$/i.test(entry.trim()) ? t("entryInvalid") : null;

  return (
    <div className="space-y-3" data-testid={testId}>
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <div className="mt-1 text-sm text-slate-600">{description}</div>
      </div>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {entryIdField ? (
        <div>
          <Label htmlFor={entryId}>{t("entryId")}</Label>
          <Input
            id={entryId}
            value={entry}
            onChange={(e) => setEntry(e.target.value)}
            className="font-mono text-sm"
            placeholder="00000000-0000-0000-0000-000000000000"
            invalid={touched && Boolean(entryError)}
          />
          {touched ? <FieldError>{entryError}</FieldError> : null}
        </div>
      ) : null}
      <ReasonField label={t("reason")} placeholder={t("reasonPlaceholder")} value={reason} onChange={setReason} error={reasonError} touched={touched} />
      <Button
        variant={tone === "danger" ? "danger" : "primary"}
        size="sm"
        onClick={() => {
          setTouched(true);
          if (reasonError || entryError) return;
          run.setErrorMessage(null);
          setOpen(true);
        }}
      >
        {submitLabel}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={confirmTitle}
        confirmLabel={submitLabel}
        tone={tone}
        pending={run.pending}
        error={run.errorMessage}
        onConfirm={() => run.execute(input({ reason, entryId: entry.trim() }))}
      >
        <div className="space-y-2">
          <div>{confirmBody}</div>
          {entryIdField ? <p className="font-mono text-xs break-all">{entry}</p> : null}
          <ReasonQuote label={t("reason")} reason={reason} />
        </div>
      </ConfirmDialog>
    </div>
  );
}

/** 冲正: a reversing entry, never an edit. Fixed to one entry (an order's) or typed in. */
export function ReverseEntryForm({ entryId }: { entryId?: string }) {
  const t = useTranslations("finance.reverse");
  return (
    <ReasonActionForm
      testId="reverse-entry-form"
      title={t("title")}
      description={entryId ? t("descriptionOrder") : t("description")}
      submitLabel={t("submit")}
      confirmTitle={t("confirmTitle")}
      confirmBody={t("confirmBody")}
      tone="danger"
      entryIdField={!entryId}
      action={reverseEntryAction}
      input={({ reason, entryId: typed }) => ({ entryId: entryId ?? typed, reason })}
      doneMessage={(r) => (r.replayed ? t("replayed", { id: r.reversalEntryId }) : t("done", { id: r.reversalEntryId }))}
      invalidMessage={t("invalid")}
    />
  );
}

/** Take an order out of the queue: credit what was actually paid, or acknowledge a reviewed one. */
export function ResolveFlagForm({ orderNo, resolution }: { orderNo: string; resolution: "CREDIT_PAID_AMOUNT" | "ACKNOWLEDGE" }) {
  const t = useTranslations("finance.resolve");
  return (
    <ReasonActionForm
      testId="resolve-flag-form"
      title={t(`${resolution}.title`)}
      description={t(`${resolution}.description`)}
      submitLabel={t(`${resolution}.submit`)}
      confirmTitle={t("confirmTitle", { orderNo })}
      confirmBody={t(`${resolution}.confirm`)}
      action={resolveFlaggedOrderAction}
      input={({ reason }) => ({ orderNo, resolution, reason })}
      doneMessage={() => t("done", { orderNo })}
      invalidMessage={t("invalid")}
    />
  );
}
