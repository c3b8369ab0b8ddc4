"use client";
// Staff decide one pending appeal (/admin/queues/appeals): approve (the package's price back to the
// balance) or refuse, each through a confirmation that asks for the reason the student is told.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, Label, Textarea } from "@/components/ui/input";
import { useSafeAction } from "@/lib/use-safe-action";
import { decideAppealAction } from "../actions";
import { APPEAL_REASON_MAX } from "../schemas";

export function DecideAppeal({ appealId, subject }: { appealId: string; subject: string }) {
  const t = useTranslations("queues.appeals");
  const router = useRouter();
  const [approve, setApprove] = useState<boolean | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reasonId = useId();
  const errorId = useId();
  const run = useSafeAction(decideAppealAction, {
    onSuccess: (data) => {
      setApprove(null);
      setReason("");
      setDone(data?.state === "APPROVED" ? t("approved") : t("refused"));
      router.refresh();
    },
    onFieldErrors: () => setReasonError(t("reasonRequired")),
  });

  const open = (value: boolean) => {
    setDone(null);
    setReasonError(null);
    run.setErrorMessage(null);
    setApprove(value);
  };
  const confirm = () => {
    if (!reason.trim()) {
      setReasonError(t("reasonRequired"));
      return;
    }
    run.execute({ appealId, approve: approve === true, reason });
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={() => open(true)} data-testid="appeal-approve">
          {t("approve")}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => open(false)} data-testid="appeal-refuse">
          {t("refuse")}
        </Button>
      </div>
      {done ? (
        <p role="status" className="text-sm text-slate-700" data-testid="appeal-done">
          {done}
        </p>
      ) : null}
      <ConfirmDialog
        open={approve !== null}
        onOpenChange={(o) => (o ? undefined : setApprove(null))}
        title={approve ? t("approveTitle") : t("refuseTitle")}
        confirmLabel={approve ? t("approve") : t("refuse")}
        tone={approve ? "primary" : "danger"}
        onConfirm={confirm}
        pending={run.pending}
        error={run.errorMessage}
        extra={
          <div className="mt-4">
            <Label htmlFor={reasonId}>{t("reason")}</Label>
            <Textarea
              id={reasonId}
              value={reason}
              maxLength={APPEAL_REASON_MAX}
              invalid={!!reasonError}
              aria-describedby={reasonError ? errorId : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            <FieldError id={errorId}>{reasonError}</FieldError>
          </div>
        }
      >
        {approve ? t("approveBody", { subject }) : t("refuseBody", { subject })}
      </ConfirmDialog>
    </div>
  );
}
