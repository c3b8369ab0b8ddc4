"use client";
// 毕业结算: choose the cohort (enrollment year, optionally a college), preview what a settlement
// would do (accounts, money to refund, live sessions), choose how money goes back, confirm. The
// confirmation carries the previewed count: if the cohort changed meanwhile nothing is settled.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, FieldHint, Input, Label, Select } from "@/components/ui/input";
import { useFormat } from "@/i18n/use-format";
import { useSafeAction } from "@/lib/use-safe-action";
import { previewGraduationAction, settleGraduationAction } from "../actions";
import { cohortSchema, REFUND_MODES, type RefundMode } from "../schemas";

export function GraduationForm({ colleges }: { colleges: string[] }) {
  const t = useTranslations("lifecycle.graduation");
  const f = useFormat();
  const router = useRouter();
  const id = useId();
  const [year, setYear] = useState("");
  const [college, setCollege] = useState("");
  const [mode, setMode] = useState<RefundMode>("ORIGINAL");
  const [yearError, setYearError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ runId: string; text: string } | null>(null);

  const preview = useSafeAction(previewGraduationAction, { messages: { invalid: t("yearInvalid") } });
  const settle = useSafeAction(settleGraduationAction, {
    onSuccess: (d) => {
      setConfirming(false);
      const text = t("settled", { accounts: d.accounts, refunded: f.fen(d.refundedFen), sessions: d.sessionsEnded });
      setDone({ runId: d.runId, text: d.failed > 0 ? `${text} ${t("settledFailed", { count: d.failed })}` : text });
      preview.reset();
      router.refresh();
    },
  });
  const p = preview.result.data;

  const onPreview = () => {
    setDone(null);
    const c = cohortSchema.safeParse({ year, college });
    if (!c.success) return setYearError(t("yearInvalid"));
    setYearError(null);
    preview.execute({ year, college });
  };

  return (
    <div className="space-y-5" data-testid="graduation-form">
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor={`${id}-year`}>{t("year")}</Label>
          <Input
            id={`${id}-year`}
            inputMode="numeric"
            autoComplete="off"
            value={year}
            invalid={!!yearError}
            aria-describedby={[`${id}-year-hint`, yearError ? `${id}-year-err` : null].filter(Boolean).join(" ")}
            onChange={(e) => {
              setYear(e.target.value);
              preview.reset();
            }}
            data-testid="graduation-year"
          />
          <FieldHint id={`${id}-year-hint`}>{t("yearHint")}</FieldHint>
          <FieldError id={`${id}-year-err`}>{yearError}</FieldError>
        </div>
        <div>
          <Label htmlFor={`${id}-college`}>{t("college")}</Label>
          <Select
            id={`${id}-college`}
            value={college}
            onChange={(e) => {
              setCollege(e.target.value);
              preview.reset();
            }}
            data-testid="graduation-college"
          >
            <option value="">{t("anyCollege")}</option>
            {colleges.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </div>
      </div>

      <Button type="button" variant="secondary" onClick={onPreview} pending={preview.pending} pendingLabel={t("previewing")} data-testid="graduation-preview">
        {t("preview")}
      </Button>
      {preview.errorMessage ? (
        <p role="alert" className="text-sm font-medium text-red-600" data-testid="graduation-error">
          {preview.errorMessage}
        </p>
      ) : null}

      {p ? (
        <section aria-labelledby={`${id}-summary`} className="space-y-4" data-testid="graduation-summary">
          <h3 id={`${id}-summary`} className="text-base font-semibold text-slate-900">
            {t("summaryTitle")}
          </h3>
          <dl className="grid gap-3 sm:grid-cols-4">
            {[
              ["accounts", p.accounts.toLocaleString()],
              ["withBalance", p.withBalance.toLocaleString()],
              ["balance", f.fen(p.balanceFen)],
              ["liveSessions", p.liveSessions.toLocaleString()],
            ].map(([k, v]) => (
              <div key={k} className="rounded-lg bg-slate-50 p-3">
                <dt className="text-sm text-slate-600">{t(`summary.${k}` as "summary.accounts")}</dt>
                <dd className="text-lg font-semibold text-slate-900 tabular-nums" data-testid={`graduation-${k}`}>
                  {v}
                </dd>
              </div>
            ))}
          </dl>
          {p.alreadySettled > 0 ? <p className="text-sm text-slate-600">{t("alreadySettled", { count: p.alreadySettled })}</p> : null}

          <fieldset>
            <legend className="mb-1.5 block text-sm font-medium text-slate-700">{t("refundMode")}</legend>
            <div className="space-y-1">
              {REFUND_MODES.map((m) => (
                <label key={m} className="flex min-h-11 items-start gap-2 text-sm text-slate-800">
                  <input
                    type="radio"
                    name={`${id}-mode`}
                    value={m}
                    checked={mode === m}
                    onChange={() => setMode(m)}
                    className="mt-0.5 size-4 accent-brand-700"
                    data-testid={`graduation-mode-${m}`}
                  />
                  <span>{t(`modes.${m}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <Button
            type="button"
            variant="danger"
            disabled={p.accounts === 0}
            onClick={() => {
              settle.setErrorMessage(null);
              setConfirming(true);
            }}
            data-testid="graduation-settle"
          >
            {t("settle")}
          </Button>
        </section>
      ) : null}

      {done ? (
        <p role="status" className="text-sm font-medium text-green-700" data-testid="graduation-done">
          {done.text}{" "}
          <a className="underline" href={`/api/admin/lifecycle/graduation/${done.runId}`} download>
            {t("downloadReport")}
          </a>
        </p>
      ) : null}

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("confirmTitle")}
        confirmLabel={t("confirm")}
        tone="danger"
        onConfirm={() => p && settle.execute({ cohort: { year, college }, refundMode: mode, expectedAccounts: p.accounts })}
        pending={settle.pending}
        pendingLabel={t("settling")}
        error={settle.errorMessage}
      >
        {p ? (
          <p>
            {t("confirmBody", {
              accounts: p.accounts,
              cohort: college ? `${year} · ${college}` : year,
              balance: f.fen(p.balanceFen),
              mode: t(`modes.${mode}`),
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
