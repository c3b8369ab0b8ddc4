"use client";

import { CircleAlert, Zap } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { CatalogueItemView } from "./exchange-view";

export type ExchangeDialogProps = {
  open: boolean;
  /** false on cancel, Esc or a backdrop click; ignored while pending */
  onOpenChange: (open: boolean) => void;
  item: CatalogueItemView | null;
  balanceText: string;
  pending: boolean;
  /** nothing can be bought right now (found out after opening, e.g. another tab bought a package) */
  blocked?: boolean;
  /** the last attempt's error, already localised */
  error: string | null;
  onConfirm: () => void;
};

/**
 * 确认换购: what is bought, for how much, and the balance before and after. Built like
 * components/ui/confirm-dialog (native <dialog>: focus trap, Esc, inert page) but with a
 * confirm button that is disabled when the balance is short, which ConfirmDialog cannot do
 * yet. Focus starts on Cancel so Enter never spends money by accident.
 */
export function ExchangeDialog({ open, onOpenChange, item, balanceText, pending, blocked = false, error, onConfirm }: ExchangeDialogProps) {
  const t = useTranslations("packages.dialog");
  const tc = useTranslations("common.actions");
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const requestClose = () => {
    if (!pending) onOpenChange(false);
  };

  const insufficient = item ? !item.sufficient : false;

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
        "m-auto w-[calc(100%-2rem)] max-w-md rounded-2xl bg-white p-0 text-slate-900 shadow-xl",
        "backdrop:bg-slate-950/40 backdrop:backdrop-blur-[2px]",
        "max-sm:mb-[max(1rem,env(safe-area-inset-bottom))]",
      )}
    >
      {item ? (
        <div className="p-5 sm:p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {t("title")}
          </h2>
          <div id={bodyId} className="mt-3">
            <div className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-900/5 ring-inset">
              <p className="text-sm text-slate-500">{t("package")}</p>
              <p className="mt-0.5 font-semibold text-slate-900">{item.name}</p>
              <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
                <div>
                  <dt className="text-slate-500">{t("price")}</dt>
                  <dd className="mt-0.5 font-semibold text-slate-900 tabular-nums">{item.priceText}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("quota")}</dt>
                  <dd className="mt-0.5 font-semibold text-slate-900 tabular-nums">{item.quotaText}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("validity")}</dt>
                  <dd className="mt-0.5 font-semibold text-slate-900">{t("validityValue", { months: item.validityMonths })}</dd>
                </div>
              </dl>
              <p className="mt-3 flex items-center gap-1.5 text-xs text-slate-500">
                <Zap aria-hidden className="size-3.5 text-brand-600" />
                {t("effectNow")}
              </p>
            </div>

            <dl className="mt-4 space-y-2 text-[15px]">
              <div className="flex items-center justify-between gap-3">
                <dt className="text-slate-600">{t("balance")}</dt>
                <dd className="font-medium text-slate-900 tabular-nums" data-testid="dialog-balance">
                  {balanceText}
                </dd>
              </div>
              {insufficient ? null : (
                <div className="flex items-center justify-between gap-3">
                  <dt className="text-slate-600">{t("price")}</dt>
                  <dd className="font-medium text-slate-900 tabular-nums">−{item.priceText}</dd>
                </div>
              )}
              <div className="flex items-center justify-between gap-3 border-t border-slate-200 pt-2">
                <dt className="font-medium text-slate-900">{t("balanceAfter")}</dt>
                <dd className={cn("text-lg font-semibold tabular-nums", insufficient ? "text-slate-400" : "text-brand-800")} data-testid="dialog-balance-after">
                  {insufficient ? "—" : item.balanceAfterText}
                </dd>
              </div>
            </dl>

            {insufficient ? (
              <div className="mt-4 flex gap-2.5 rounded-xl bg-red-50 px-3.5 py-3 text-sm text-red-800 ring-1 ring-red-600/15 ring-inset">
                <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600" />
                <p>
                  <span className="font-semibold">{t("insufficient")}</span>
                  <span aria-hidden>{" · "}</span>
                  {t("insufficientText", { balance: balanceText, shortfall: item.shortfallText })}
                </p>
              </div>
            ) : null}
          </div>

          {error ? (
            <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          ) : null}

          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button ref={cancelRef} variant="secondary" onClick={requestClose} disabled={pending} className="sm:min-w-24">
              {tc("cancel")}
            </Button>
            <Button pending={pending} pendingLabel={t("pending")} disabled={insufficient || blocked} onClick={onConfirm} className="sm:min-w-28">
              {t("confirm")}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
