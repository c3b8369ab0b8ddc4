"use client";
// One settings form's state: values as typed, checked with the same zod schema as the
// action, then saved through the action; the outcome as a message to show.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ZodType } from "zod";
import { issuesByField } from "./settings-field";

type SaveAction<V> = (values: V) => Promise<{ data?: unknown; serverError?: { message?: string } } | undefined>;

export function useSettingsForm<V extends Record<string, string>>(opts: {
  initial: V;
  schema: ZodType;
  /** maps a schema issue's field (after transforms) back to the form field */
  rename: (key: string) => string;
  action: SaveAction<V>;
  savedMessage: string;
}) {
  const tv = useTranslations("settings");
  const router = useRouter();
  const [values, setValues] = useState(opts.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const set = (key: keyof V) => (v: string) => setValues((prev) => ({ ...prev, [key]: v }));

  const submit = async () => {
    setResult(null);
    const parsed = opts.schema.safeParse(values);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error, opts.rename));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const r = await opts.action(values);
      if (r?.data) {
        setResult({ ok: true, message: opts.savedMessage });
        router.refresh();
      } else {
        setResult({ ok: false, message: r?.serverError?.message ?? tv("invalid") });
      }
    } catch {
      setResult({ ok: false, message: tv("network") });
    } finally {
      setPending(false);
    }
  };

  return { values, set, errors, pending, result, submit };
}
