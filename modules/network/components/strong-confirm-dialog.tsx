"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export type StrongConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  children?: ReactNode;
  /** the sentence the student ticks before the confirm button works */
  acknowledgement: ReactNode;
  confirmLabel: ReactNode;
  pending?: boolean;
  pendingLabel?: string;
  error?: ReactNode;
  onConfirm: () => void | Promise<void>;
};

/**
 * A danger confirmation that needs a ticked acknowledgement first (挂失 cuts a device off
 * for good). Built like components/ui/confirm-dialog: native <dialog>, focus starts on
 * Cancel, Esc and backdrop close it unless pending.
 */
export function StrongConfirmDialog({ open, onOpenChange, title, children, acknowledgement, confirmLabel, pending = false, pendingLabel, error, onConfirm }: StrongConfirmDialogProps) {
  const tc = useTranslations("common.actions");
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const ackId = useId();
  const [acknowledged, setAcknowledged] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setAcknowledged(false);
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const requestClose = () => {
    if (!pending) onOpenChange(false);
  };

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        requestClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) requestClose();
      }}
      className={cn(
        "m-auto w-[calc(100vw-2rem)] max-w-md rounded-2xl bg-white p-0 text-slate-900 shadow-xl",
        "backdrop:bg-slate-950/40 backdrop:backdrop-blur-[2px]",
        "max-sm:mb-[max(1rem,env(safe-area-inset-bottom))]",
      )}
    >
      <div className="p-5 sm:p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div id={bodyId} className="mt-2 text-[15px] text-slate-600">
          {children}
        </div>
        <label htmlFor={ackId} className="mt-4 flex cursor-pointer items-start gap-3 rounded-xl bg-red-50 p-3 text-sm font-medium text-red-900 ring-1 ring-red-600/20 ring-inset">
          <input
            id={ackId}
            type="checkbox"
            checked={acknowledged}
            disabled={pending}
            onChange={(e) => setAcknowledged(e.target.checked)}
            className="mt-0.5 size-5 shrink-0 accent-red-600"
          />
          {acknowledgement}
        </label>
        {error ? (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button ref={cancelRef} variant="secondary" onClick={requestClose} disabled={pending} className="sm:min-w-24">
            {tc("cancel")}
          </Button>
          <Button variant="danger" pending={pending} pendingLabel={pendingLabel} disabled={!acknowledged} onClick={() => void onConfirm()} className="sm:min-w-24">
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
