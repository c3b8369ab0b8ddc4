"use client";

import { useId } from "react";
import { FieldError, Label, Textarea } from "@/components/ui/input";

/** The written reason a finance decision needs (at least two characters). */
export const MIN_REASON = 2;

/** The reason's textarea; its error shows once the form was tried (`touched`). */
export function ReasonField({
  label,
  placeholder,
  value,
  onChange,
  error,
  touched,
  testId,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  touched: boolean;
  testId?: string;
}) {
  const id = useId();
  const errorId = useId();
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Textarea
        id={id}
        value={value}
        rows={2}
        maxLength={200}
        placeholder={placeholder}
        invalid={touched && Boolean(error)}
        aria-describedby={touched && error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      {touched ? <FieldError id={errorId}>{error}</FieldError> : null}
    </div>
  );
}

/** The reason repeated in the confirmation. */
export function ReasonQuote({ label, reason }: { label: string; reason: string }) {
  return (
    <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm">
      {label}: {reason}
    </p>
  );
}
