"use client";

import { useTranslations } from "next-intl";
import { useId, type ReactNode } from "react";
import type { ZodError } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, FieldHint, Input, Label } from "@/components/ui/input";
import { knownKey } from "@/i18n/known-key";

/** Zod issues → the first message key per form field; `rename` maps value paths (…Kbps) to form fields (…Mbps). */
export function issuesByField(error: ZodError, rename: (key: string) => string = (k) => k): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = rename(String(issue.path[0] ?? "form"));
    out[field] ??= issue.message;
  }
  return out;
}

export type SettingsFieldProps = {
  label: string;
  unit?: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** a key under settings.validation */
  error?: string;
  inputMode?: "decimal" | "numeric" | "text";
  type?: string;
  autoComplete?: string;
  testId?: string;
};

/** A labelled input with a unit, a hint and a translated error. */
export function SettingsField({
  label,
  unit,
  hint,
  value,
  onChange,
  error,
  inputMode = "decimal",
  type = "text",
  autoComplete = "off",
  testId,
}: SettingsFieldProps) {
  const t = useTranslations("settings.validation");
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const message = error ? (knownKey(t, error) ? t(error) : t("invalid")) : null;
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <div className="flex items-center gap-2">
        <Input
          id={id}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete}
          value={value}
          invalid={Boolean(message)}
          aria-describedby={[hint ? hintId : null, message ? errorId : null].filter(Boolean).join(" ") || undefined}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
        {unit ? <span className="shrink-0 text-sm text-slate-600">{unit}</span> : null}
      </div>
      {hint ? <FieldHint id={hintId}>{hint}</FieldHint> : null}
      <FieldError id={errorId}>{message}</FieldError>
    </div>
  );
}

/** 修改原因: required with every policy edit (1–200 characters), kept in its history. */
export function PolicyReasonField({ value, onChange, error, testId }: { value: string; onChange: (v: string) => void; error?: string; testId: string }) {
  const t = useTranslations("settings.history");
  return <SettingsField label={t("reason")} hint={t("reasonHint")} inputMode="text" value={value} onChange={onChange} error={error} testId={testId} />;
}

/**
 * A policy's form: its fields, a hint, 修改原因, the outcome and 保存 — the frame the quota, recharge
 * and self-service forms share. `name` prefixes the test ids (`quota-reason`, `quota-result`, `quota-save`).
 */
export function PolicyForm({
  name,
  hint,
  form,
  children,
}: {
  name: string;
  hint: string;
  form: {
    values: { reason: string };
    set: (key: "reason") => (v: string) => void;
    errors: Record<string, string | undefined>;
    pending: boolean;
    result: { ok: boolean; message: string } | null;
    submit: () => void;
  };
  children: ReactNode;
}) {
  const tv = useTranslations("settings");
  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        form.submit();
      }}
    >
      {children}
      <p className="text-sm text-slate-500">{hint}</p>
      <PolicyReasonField value={form.values.reason} onChange={form.set("reason")} error={form.errors.reason} testId={`${name}-reason`} />
      {form.result ? (
        <div data-testid={`${name}-result`}>
          <Alert tone={form.result.ok ? "success" : "error"}>{form.result.message}</Alert>
        </div>
      ) : null}
      <Button type="submit" pending={form.pending} pendingLabel={tv("saving")} data-testid={`${name}-save`}>
        {tv("save")}
      </Button>
    </form>
  );
}
