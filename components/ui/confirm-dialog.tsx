"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from "react";
import { Button } from "./button";
import { cn } from "./cn";

export type ConfirmDialogProps = {
  open: boolean;
  /** Called with false on cancel, Esc or a click on the backdrop (ignored while pending). */
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** The body: what will happen, amounts, the account concerned. */
  children?: ReactNode;
  confirmLabel?: ReactNode;
  cancelLabel?: ReactNode;
  onConfirm: () => void | Promise<void>;
  /** While true the buttons are disabled, the confirm button spins and the dialog stays open. */
  pending?: boolean;
  pendingLabel?: string;
  tone?: "primary" | "danger";
  /** An error from the last attempt, shown inside the dialog. */
  error?: ReactNode;
  /** Disables the confirm button (e.g. the balance is short); Cancel stays usable. */
  confirmDisabled?: boolean;
  /** Controls shown under the body but outside its description (e.g. an acknowledgement checkbox). */
  extra?: ReactNode;
};

/** What Tab can reach inside the dialog, in order. */
const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * A modal confirmation built on the native <dialog> (Esc, inert page and top layer come from
 * the browser). Focus starts on Cancel so Enter never confirms a money action by accident;
 * Tab and Shift+Tab cycle inside the dialog (the browser would move on to its own toolbar),
 * and on closing focus goes back to the control that opened it. While pending, focus stays in
 * the dialog (the disabled buttons cannot hold it) and a status line announces the pending text.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  pending = false,
  pendingLabel,
  tone = "primary",
  error,
  confirmDisabled = false,
  extra,
}: ConfirmDialogProps) {
  const t = useTranslations("common");
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  /** the element focused before the dialog opened: focus returns there on close */
  const openerRef = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      const opener = openerRef.current;
      openerRef.current = null;
      if (opener?.isConnected) opener.focus();
    }
  }, [open]);

  // The focused button turns disabled while pending; keep focus inside the dialog meanwhile.
  useEffect(() => {
    const dialog = ref.current;
    if (
      pending &&
      dialog?.open &&
      (!document.activeElement || !dialog.contains(document.activeElement) || (document.activeElement as HTMLButtonElement).disabled)
    ) {
      dialog.focus();
    }
  }, [pending]);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab") return;
    const dialog = ref.current;
    if (!dialog) return;
    const tabbable = [...dialog.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.offsetParent !== null || el.getClientRects().length > 0);
    if (tabbable.length === 0) {
      event.preventDefault();
      dialog.focus();
      return;
    }
    const first = tabbable[0]!;
    const last = tabbable[tabbable.length - 1]!;
    const active = document.activeElement;
    const inside = active instanceof HTMLElement && tabbable.includes(active);
    if (event.shiftKey && (!inside || active === first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (!inside || active === last)) {
      event.preventDefault();
      first.focus();
    }
  };

  const requestClose = () => {
    if (!pending) onOpenChange(false);
  };

  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      tabIndex={-1}
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Esc: keep the native dialog open; the parent decides through onOpenChange.
        event.preventDefault();
        requestClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) requestClose();
      }}
      className={cn(
        "m-auto w-[calc(100vw-2rem)] max-w-md rounded-2xl bg-white p-0 text-slate-900 shadow-xl focus:outline-none",
        "backdrop:bg-slate-950/40 backdrop:backdrop-blur-[2px]",
        "max-sm:mb-[max(1rem,env(safe-area-inset-bottom))]",
      )}
    >
      <div className="p-5 sm:p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {children ? (
          <div id={bodyId} className="mt-2 text-[0.9375rem] text-slate-600">
            {children}
          </div>
        ) : null}
        {extra}
        {error ? (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <p role="status" className="sr-only" data-testid="confirm-dialog-status">
          {pending ? (pendingLabel ?? t("status.pending")) : ""}
        </p>
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button ref={cancelRef} variant="secondary" onClick={requestClose} disabled={pending} className="sm:min-w-24">
            {cancelLabel ?? t("actions.cancel")}
          </Button>
          <Button
            variant={tone === "danger" ? "danger" : "primary"}
            pending={pending}
            pendingLabel={pendingLabel}
            disabled={confirmDisabled}
            onClick={() => void onConfirm()}
            className="sm:min-w-24"
          >
            {confirmLabel ?? t("actions.confirm")}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
