"use client";

import { type ReactNode, useId, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

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
 * A danger ConfirmDialog that needs a ticked acknowledgement first (挂失 cuts a device off
 * for good). The tick is cleared each time the dialog opens.
 */
export function StrongConfirmDialog({ open, acknowledgement, pending = false, ...rest }: StrongConfirmDialogProps) {
  const ackId = useId();
  const [acknowledged, setAcknowledged] = useState(false);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setAcknowledged(false);
  }

  return (
    <ConfirmDialog
      {...rest}
      open={open}
      pending={pending}
      tone="danger"
      confirmDisabled={!acknowledged}
      extra={
        <label
          htmlFor={ackId}
          className="mt-4 flex cursor-pointer items-start gap-3 rounded-xl bg-red-50 p-3 text-sm font-medium text-red-900 ring-1 ring-red-600/20 ring-inset"
        >
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
      }
    />
  );
}
