"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type ReactNode, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, Input, Label } from "@/components/ui/input";
import { resolveFlaggedOrderAction, reverseEntryAction } from "@/modules/finance/actions";
import { MIN_REASON, ReasonField, ReasonQuote } from "./reason-field";

type Result = { ok: true; message: string } | { ok: false; message: string };

/**
 * A finance decision that needs a written reason and a confirmation: reversing a ledger
 * entry (冲正) or resolving an order in the queue.
 */
function ReasonActionForm({
  title,
  description,
  submitLabel,
  confirmTitle,
  confirmBody,
  tone = "primary",
  entryIdField,
  run,
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
  run: (input: { reason: string; entryId: string }) => Promise<Result>;
  testId: string;
}) {
  const t = useTranslations("finance.reasonForm");
  const router = useRouter();
  const entryId = useId();
  const [reason, setReason] = useState("");
  const [entry, setEntry] = useState("");
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  const reasonError = reason.trim().length < MIN_REASON ? t("reasonRequired") : null;
  const entryError = entryIdField && !/^[0-9a-f-]{36}$/i.test(entry.trim()) ? t("entryInvalid") : null;

  const submit = async () => {
    setPending(true);
    setDialogError(null);
    try {
      const r = await run({ reason, entryId: entry.trim() });
      if (r.ok) {
        setOpen(false);
        setResult(r);
        setReason("");
        setEntry("");
        setTouched(false);
        router.refresh();
      } else {
        setDialogError(r.message);
      }
    } catch {
      setDialogError(t("network"));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="space-y-3" data-testid={testId}>
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <div className="mt-1 text-sm text-slate-600">{description}</div>
      </div>
      {result ? <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert> : null}
      {entryIdField ? (
        <div>
          <Label htmlFor={entryId}>{t("entryId")}</Label>
          <Input id={entryId} value={entry} onChange={(e) => setEntry(e.target.value)} className="font-mono text-sm" placeholder="00000000-0000-0000-0000-000000000000" invalid={touched && Boolean(entryError)} />
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
          setDialogError(null);
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
        pending={pending}
        error={dialogError}
        onConfirm={submit}
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
      run={async ({ reason, entryId: typed }) => {
        const r = await reverseEntryAction({ entryId: entryId ?? typed, reason });
        if (r?.data) return { ok: true, message: r.data.replayed ? t("replayed", { id: r.data.reversalEntryId }) : t("done", { id: r.data.reversalEntryId }) };
        return { ok: false, message: r?.serverError?.message ?? t("invalid") };
      }}
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
      run={async ({ reason }) => {
        const r = await resolveFlaggedOrderAction({ orderNo, resolution, reason });
        if (r?.data) return { ok: true, message: t("done", { orderNo }) };
        return { ok: false, message: r?.serverError?.message ?? t("invalid") };
      }}
    />
  );
}
