"use client";

import { Check } from "@/components/icons/lucide/check";
import { UserRound } from "@/components/icons/lucide/user-round";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Label } from "@/components/ui/input";
import { StudentNoField, type useStudentLookup } from "./student-lookup";

export type RechargeTarget = { studentNo: string; maskedName: string; isSelf: boolean };

/** The account being recharged: one's own, or another one looked up by number and shown masked. */
export function RechargeAccount({
  self,
  forOther,
  onForOther,
  lookup,
}: {
  self: { name: string; studentNo: string };
  forOther: boolean;
  onForOther: (forOther: boolean) => void;
  lookup: ReturnType<typeof useStudentLookup<never, unknown, RechargeTarget>>;
}) {
  const t = useTranslations("recharge.form");
  const otherId = useId();
  const otherErrorId = useId();
  const target = lookup.found;
  return (
    <section aria-labelledby={`${otherId}-title`} className="rounded-2xl bg-white p-4 shadow-card ring-1 ring-slate-900/5 sm:p-5">
      <h2 id={`${otherId}-title`} className="text-sm font-medium text-slate-500">
        {t("account.title")}
      </h2>
      {!forOther ? (
        <p className="mt-1.5 flex items-center gap-2 text-[0.9375rem] text-slate-900" data-testid="recharge-account">
          <UserRound aria-hidden className="size-4.5 text-slate-400" />
          <span className="font-semibold">{self.name}</span>
          <span className="text-slate-500 tabular-nums">{t("account.studentNo", { studentNo: self.studentNo })}</span>
        </p>
      ) : null}
      <label className="mt-3 flex min-h-11 cursor-pointer items-center gap-3 text-[0.9375rem] text-slate-800">
        <input
          type="checkbox"
          checked={forOther}
          onChange={(event) => {
            onForOther(event.target.checked);
            lookup.setError(null);
          }}
          className="size-5 rounded accent-brand-700"
          data-testid="recharge-other-toggle"
        />
        {t("other.toggle")}
      </label>
      {forOther ? (
        <div className="mt-2">
          <Label htmlFor={otherId}>{t("other.label")}</Label>
          <StudentNoField
            id={otherId}
            errorId={otherErrorId}
            lookup={lookup}
            inputMode="text"
            placeholder={t("other.placeholder")}
            onChange={lookup.change}
            data-testid="recharge-other-input"
            buttonLabel={t("other.lookup")}
          />
          {target ? (
            <div
              className="mt-3 flex items-start gap-3 rounded-xl bg-brand-50 p-3.5 ring-1 ring-brand-700/15 ring-inset"
              data-testid="recharge-target"
              role="status"
            >
              <Check aria-hidden className="mt-0.5 size-5 shrink-0 text-brand-700" />
              <div className="min-w-0 text-[0.9375rem]">
                <p className="text-slate-900">
                  <span className="font-semibold">{target.maskedName}</span>
                  <span aria-hidden>{" · "}</span>
                  <span className="tabular-nums">{t("account.studentNo", { studentNo: target.studentNo })}</span>
                </p>
                <p className="mt-0.5 text-sm text-slate-600">{target.isSelf ? t("other.isSelf") : t("other.check")}</p>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
