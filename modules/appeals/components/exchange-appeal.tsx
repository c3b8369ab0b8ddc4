"use client";

import { CircleCheck } from "@/components/icons/lucide/circle-check";
import { Clock } from "@/components/icons/lucide/clock";
import { Gavel } from "@/components/icons/lucide/gavel";
import { Info } from "@/components/icons/lucide/info";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { useOnline } from "@/components/offline/use-online";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, FieldHint, Label, Textarea } from "@/components/ui/input";
import { useSafeAction } from "@/lib/use-safe-action";
import { fileAppealAction } from "@/modules/appeals/actions";
import { APPEAL_REASON_MAX } from "@/modules/appeals/schemas";
import type { AppealRowView } from "./appeal-view";

const TONES: Record<"PENDING" | "APPROVED" | "REFUSED", BadgeTone> = { PENDING: "amber", APPROVED: "blue", REFUSED: "red" };

/** The appeal part of one exchange row: the 申诉 button while it may be appealed, the appeal once filed, or why not. */
export function ExchangeAppeal({ view }: { view: AppealRowView }) {
  const t = useTranslations("appeals");
  switch (view.kind) {
    case "eligible":
      return <AppealButton view={view} />;
    case "windowClosed":
      return (
        <p className="mt-3 flex gap-1.5 text-xs text-slate-500" data-testid="appeal-closed">
          <Clock aria-hidden className="mt-px size-3.5 shrink-0" />
          <span>
            {t("closed", { hours: view.hours })} <time dateTime={view.closedIso}>{view.closedText}</time>
          </span>
        </p>
      );
    case "tooMuchUsed":
      return (
        <p className="mt-3 flex gap-1.5 text-xs text-slate-500" data-testid="appeal-too-much-used">
          <Info aria-hidden className="mt-px size-3.5 shrink-0" />
          {t("tooMuchUsed", { used: view.usedText, max: view.maxText })}
        </p>
      );
    case "appealed":
      return (
        <div className="mt-3 rounded-xl bg-slate-50 px-3.5 py-3 text-sm ring-1 ring-slate-900/5 ring-inset" data-testid="appeal-status" data-state={view.state}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="flex items-center gap-1.5 font-medium text-slate-900">
              <Gavel aria-hidden className="size-4 text-slate-500" />
              {t("appealTitle")}
            </span>
            <Badge tone={TONES[view.state]}>{t(`state.${view.state}`)}</Badge>
          </div>
          <p className="mt-1.5 text-slate-600">
            <span className="text-slate-500">{t("yourReason")}</span>
            {view.reason}
          </p>
          <p className="mt-0.5 text-xs text-slate-500 tabular-nums">
            {t("filedAt")} <time dateTime={view.filedIso}>{view.filedText}</time>
          </p>
          {view.state === "PENDING" ? <p className="mt-1.5 text-slate-600">{t("pendingText")}</p> : null}
          {view.state === "APPROVED" ? <p className="mt-1.5 text-slate-600">{t("approvedText")}</p> : null}
          {view.state !== "PENDING" && view.decisionReason ? (
            <p className="mt-1.5 text-slate-700" data-testid="appeal-decision">
              <span className="text-slate-500">{t("decision")}</span>
              {view.decisionReason}
              {view.decidedText ? <span className="ml-1 text-xs text-slate-500 tabular-nums">({view.decidedText})</span> : null}
            </p>
          ) : null}
        </div>
      );
  }
}

function AppealButton({ view }: { view: Extract<AppealRowView, { kind: "eligible" }> }) {
  const t = useTranslations("appeals");
  const tOffline = useTranslations("offline.needsNetwork");
  // Offline an appeal cannot be filed: the button says so instead of failing after the tap.
  const online = useOnline();
  const offlineNoteId = useId();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const [sent, setSent] = useState(false);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();
  const trimmed = reason.trim();
  const fieldError = !touched
    ? null
    : trimmed.length === 0
      ? t("dialog.reasonRequired")
      : trimmed.length > APPEAL_REASON_MAX
        ? t("dialog.reasonTooLong", { max: APPEAL_REASON_MAX })
        : null;

  const file = useSafeAction(fileAppealAction, {
    messages: { invalid: t("dialog.invalid"), network: t("dialog.network") },
    onSuccess: () => {
      setOpen(false);
      setSent(true);
      startRefresh(() => router.refresh());
    },
    onFailure: (_message, failure) => {
      // The row is out of date (window closed meanwhile, appealed in another tab…): show the truth.
      if (failure && failure.code.startsWith("APPEAL_")) startRefresh(() => router.refresh());
    },
  });

  const confirm = () => {
    setTouched(true);
    if (file.pending || !online || trimmed.length === 0 || trimmed.length > APPEAL_REASON_MAX) return;
    file.execute({ holdingId: view.holdingId, reason: trimmed });
  };

  if (sent) {
    return (
      <p role="status" className="mt-3 flex items-center gap-1.5 text-sm text-emerald-700" data-testid="appeal-sent">
        <CircleCheck aria-hidden className="size-4" />
        {t("sent")}
      </p>
    );
  }

  return (
    <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
      <p className="min-w-0 flex-1 text-xs text-slate-500">
        {t("eligible")} <time dateTime={view.closesIso}>{t("until", { time: view.closesText })}</time>
      </p>
      <Button
        size="sm"
        variant="secondary"
        data-testid="appeal-open"
        disabled={!online}
        aria-describedby={online ? undefined : offlineNoteId}
        onClick={() => {
          file.setErrorMessage(null);
          setTouched(false);
          setOpen(true);
        }}
      >
        <Gavel aria-hidden />
        {t("open")}
      </Button>
      {online ? null : (
        <p id={offlineNoteId} className="w-full text-right text-sm font-medium text-amber-800" data-testid="appeal-offline">
          {tOffline("appeal")}
        </p>
      )}
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("dialog.title")}
        confirmLabel={t("dialog.confirm")}
        pending={file.pending}
        pendingLabel={t("dialog.pending")}
        confirmDisabled={!online}
        error={online ? file.errorMessage : tOffline("appeal")}
        onConfirm={confirm}
        extra={
          <div className="mt-4">
            <Label htmlFor={fieldId}>{t("dialog.reason")}</Label>
            <Textarea
              id={fieldId}
              name="reason"
              value={reason}
              maxLength={APPEAL_REASON_MAX + 50}
              invalid={!!fieldError}
              aria-describedby={fieldError ? `${errorId} ${hintId}` : hintId}
              placeholder={t("dialog.placeholder")}
              disabled={file.pending}
              onChange={(e) => setReason(e.target.value)}
              onBlur={() => setTouched(true)}
            />
            <FieldHint id={hintId} className="flex justify-between gap-2">
              <span>{t("dialog.hint")}</span>
              <span className="shrink-0 tabular-nums">
                {trimmed.length}/{APPEAL_REASON_MAX}
              </span>
            </FieldHint>
            <FieldError id={errorId}>{fieldError}</FieldError>
          </div>
        }
      >
        <div className="mt-1 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-900/5 ring-inset">
          <p className="font-semibold text-slate-900">{view.name}</p>
          <p className="mt-0.5 text-sm text-slate-500 tabular-nums">{view.priceText}</p>
        </div>
        <p className="mt-3">{t("dialog.text", { price: view.priceText })}</p>
        <p className="mt-1 text-sm text-slate-500">{t("dialog.once")}</p>
      </ConfirmDialog>
    </div>
  );
}
