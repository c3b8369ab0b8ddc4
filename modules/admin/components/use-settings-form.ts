"use client";
// One settings form's state: values as typed, checked with the same zod schema as the
// action, then saved through the action (lib/use-safe-action.ts); the outcome as a message.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { SingleInputActionFn } from "next-safe-action/hooks";
import { useState } from "react";
import type { ZodType } from "zod";
import type { ActionFailure } from "@/lib/errors";
import { useSafeAction } from "@/lib/use-safe-action";
import { issuesByField } from "./settings-field";

type Input<S extends ZodType> = Parameters<SingleInputActionFn<ActionFailure, S, unknown, unknown>>[0];

export function useSettingsForm<S extends ZodType<unknown, Record<string, string>>, E, D>(opts: {
  initial: Input<S>;
  schema: S;
  /** maps a schema issue's field (after transforms) back to the form field */
  rename: (key: string) => string;
  action: SingleInputActionFn<ActionFailure, S, E, D>;
  savedMessage: string;
}) {
  const tv = useTranslations("settings");
  const router = useRouter();
  const [values, setValues] = useState(opts.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const action = useSafeAction(opts.action, {
    messages: { invalid: tv("invalid"), network: tv("network") },
    onSuccess: () => {
      setSaved(true);
      // A policy edit's reason belongs to that edit: the next one needs its own.
      setValues((prev) => ("reason" in (prev as object) ? { ...prev, reason: "" } : prev));
      router.refresh();
    },
  });
  const set = (key: keyof Input<S>) => (v: string) => setValues((prev) => ({ ...prev, [key]: v }));

  const submit = () => {
    setSaved(false);
    action.setErrorMessage(null);
    const parsed = opts.schema.safeParse(values);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error, opts.rename));
      return;
    }
    setErrors({});
    action.execute(values);
  };

  const result = saved ? { ok: true, message: opts.savedMessage } : action.errorMessage ? { ok: false, message: action.errorMessage } : null;
  return { values, set, errors, pending: action.pending, result, submit };
}
