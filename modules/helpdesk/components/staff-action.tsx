"use client";
// One staff action on a student: a button that opens a confirmation asking for the reason
// (what the audit trail keeps), runs the action, and says what happened. Used for suspend /
// resume, kicking sessions, blocking devices, lifting a lock-out and the temporary password.
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { SingleInputActionFn } from "next-safe-action/hooks";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, Label, Textarea } from "@/components/ui/input";
import type { ActionFailure } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { useSafeAction } from "@/lib/use-safe-action";

/** Which action: its texts (admin.act.<kind>.*), tone, and whether it asks for a reason. */
export type StaffActionKind = "suspend" | "resume" | "kick" | "kickAll" | "block" | "unblock" | "unlock" | "resetPassword";

const DANGER: ReadonlySet<StaffActionKind> = new Set(["suspend", "kick", "kickAll", "block"]);
const NO_REASON: ReadonlySet<StaffActionKind> = new Set(["unlock"]);

export interface StaffActionProps {
  kind: StaffActionKind;
  // The actions' input types differ; each caller passes the matching `input`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  action: SingleInputActionFn<ActionFailure, any, any, any>;
  /** the action's input without `reason` */
  input: Record<string, unknown>;
  /** whom or what it concerns, named in the confirmation */
  subject: string;
  testId?: string;
}

export function StaffAction({ kind, action, input, subject, testId }: StaffActionProps) {
  const t = useTranslations("admin.act");
  const locale = useLocale();
  const withReason = !NO_REASON.has(kind);
  const tone = DANGER.has(kind) ? "danger" : "primary";
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const reasonId = useId();
  const errorId = useId();
  const router = useRouter();
  const run = useSafeAction(action, {
    onSuccess: (data: unknown) => {
      setOpen(false);
      setReason("");
      setResult(doneText(data));
      // the page shows the new state (a kicked session gone, a device blocked, the account suspended)
      router.refresh();
    },
    onFieldErrors: () => setReasonError(t("validation.reason")),
  });

  function doneText(data: unknown): string {
    const d = (data ?? {}) as { code?: string; expiresAt?: string; kicked?: number; acked?: number; status?: string };
    if (kind === "resetPassword" && d.code) return t("resetPassword.done", { code: d.code, until: formatDateTime(d.expiresAt ?? "", locale) });
    if (typeof d.kicked === "number") return t(`${kind}.done`, { kicked: d.kicked, acked: d.acked ?? 0 });
    return t(`${kind}.done`, { kicked: 0, acked: 0 });
  }

  const confirm = () => {
    if (withReason && reason.trim().length < 2) {
      setReasonError(t("validation.reason"));
      return;
    }
    setReasonError(null);
    run.execute(withReason ? { ...input, reason } : input);
  };

  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        size="sm"
        data-testid={testId}
        onClick={() => {
          setResult(null);
          run.setErrorMessage(null);
          setOpen(true);
        }}
      >
        {t(`${kind}.label`)}
      </Button>
      {result ? (
        <p role="status" className="max-w-prose text-sm text-slate-700" data-testid={testId ? `${testId}-result` : undefined}>
          {result}
        </p>
      ) : null}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t(`${kind}.title`)}
        confirmLabel={t(`${kind}.confirm`)}
        onConfirm={confirm}
        pending={run.pending}
        tone={tone}
        error={run.errorMessage}
        extra={
          withReason ? (
            <div className="mt-4">
              <Label htmlFor={reasonId}>{t("reason")}</Label>
              <Textarea
                id={reasonId}
                value={reason}
                maxLength={500}
                invalid={!!reasonError}
                aria-describedby={reasonError ? errorId : undefined}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t("reasonPlaceholder")}
              />
              <FieldError id={errorId}>{reasonError}</FieldError>
            </div>
          ) : null
        }
      >
        {t(`${kind}.body`, { subject })}
      </ConfirmDialog>
    </div>
  );
}
