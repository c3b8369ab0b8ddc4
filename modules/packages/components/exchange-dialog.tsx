"use client";

import { CircleAlert } from "@/components/icons/lucide/circle-alert";
import { Zap } from "@/components/icons/lucide/zap";
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
 * 确认换购: what is bought, for how much, and the balance before and after, in the shared
 * ConfirmDialog (focus starts on Cancel so Enter never spends money by accident). The confirm
 * button is disabled when the balance is short; the dialog then points to 充值.
 */
export function ExchangeDialog({ open, onOpenChange, item, balanceText, pending, blocked = false, error, onConfirm }: ExchangeDialogProps) {
  const t = useTranslations("packages.dialog");
  const tr = useTranslations("recharge.entry");
  const insufficient = item ? !item.sufficient : false;

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t("title")}
      confirmLabel={t("confirm")}
      pending={pending}
      pendingLabel={t("pending")}
      confirmDisabled={!item || insufficient || blocked}
      error={error}
      onConfirm={onConfirm}
    >
      {item ? (
        <div className="mt-1">
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

          <dl className="mt-4 space-y-2 text-[0.9375rem]">
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
              <dd className={cn("text-lg font-semibold tabular-nums", insufficient ? "text-slate-500" : "text-brand-800")} data-testid="dialog-balance-after">
                {insufficient ? "—" : item.balanceAfterText}
              </dd>
            </div>
          </dl>

          {item.lastsUntilText ? (
            <p className="mt-3 text-sm text-slate-600" data-testid="dialog-lasts-until">
              {item.lastsUntilText}
            </p>
          ) : null}

          {insufficient ? (
            <div className="mt-4 flex gap-2.5 rounded-xl bg-red-50 px-3.5 py-3 text-sm text-red-800 ring-1 ring-red-600/15 ring-inset">
              <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600" />
              <p>
                <span className="font-semibold">{t("insufficient")}</span>
                <span aria-hidden>{" · "}</span>
                {t("insufficientText", { balance: balanceText, shortfall: item.shortfallText })}{" "}
                <Link
                  href="/recharge"
                  className="font-semibold whitespace-nowrap text-red-900 underline underline-offset-2 hover:text-red-950"
                  data-testid="dialog-recharge-link"
                >
                  {tr("goRecharge")}
                </Link>
              </p>
            </div>
          ) : null}
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
