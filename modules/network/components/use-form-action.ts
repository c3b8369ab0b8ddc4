"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

type ActionResult<D, F> = { data?: D; validationErrors?: { fieldErrors: F }; serverError?: { message: string } } | undefined;

/**
 * One submission of a network form's action: the spinner, and the error for the whole form
 * (the server's refusal, or a generic / network message); field errors go back to the form.
 */
export function useFormAction() {
  const tv = useTranslations("network.validation");
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const run = async <D, F>(call: () => Promise<ActionResult<D, F>>, on: { data: (data: D) => void; fieldErrors: (fieldErrors: F) => void }) => {
    setPending(true);
    try {
      const result = await call();
      if (result?.data) {
        on.data(result.data);
      } else if (result?.validationErrors) {
        on.fieldErrors(result.validationErrors.fieldErrors);
      } else {
        setFormError(result?.serverError?.message ?? tv("generic"));
      }
    } catch {
      setFormError(tv("network"));
    } finally {
      setPending(false);
    }
  };

  return { pending, formError, setFormError, run };
}
