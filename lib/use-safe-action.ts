"use client";
// The one way a client component calls a server action: next-safe-action's useAction, plus
// the one place that turns an outcome that is not data into the message to show — the
// server's localised ActionFailure (lib/safe-action.ts), invalid input, or a failed request.
import { useTranslations } from "next-intl";
import { type SingleInputActionFn, useAction } from "next-safe-action/hooks";
import { useState } from "react";
import type { ZodType } from "zod";
import type { ActionFailure } from "@/lib/errors";

// Every input schema in the project is zod (a Standard Schema, as useAction wants).
type AnySchema = ZodType | undefined;
type FieldErrorsOf<E> = E extends { fieldErrors: infer F } ? F : never;

export interface SafeActionOptions<Input, Data, ShapedErrors> {
  onSuccess?: (data: Data, input: Input) => unknown;
  /** field errors go back to the form; without this, invalid input shows `messages.invalid` */
  onFieldErrors?: (fieldErrors: FieldErrorsOf<ShapedErrors>) => void;
  /** after any failure, with its message; return true when the screen shows it itself */
  onFailure?: (message: string | null, serverError?: ActionFailure) => boolean | void;
  /** the screen's own wording for invalid input and a failed request */
  messages?: { invalid?: string; network?: string };
}

export function useSafeAction<Schema extends AnySchema, ShapedErrors, Data>(
  action: SingleInputActionFn<ActionFailure, Schema, ShapedErrors, Data>,
  opts: SafeActionOptions<Parameters<typeof action>[0], Data, ShapedErrors> = {},
) {
  const tc = useTranslations("common.errors");
  const [errorMessage, setErrorMessage] = useState<string | null>(null);
  const hook = useAction(action, {
    onExecute: () => setErrorMessage(null),
    onSuccess: ({ data, input }) => opts.onSuccess?.(data, input),
    onError: ({ error }) => {
      let message: string | null;
      if (error.thrownError) message = opts.messages?.network ?? tc("network");
      else if (error.serverError) message = error.serverError.message;
      else if (error.validationErrors && opts.onFieldErrors) {
        opts.onFieldErrors((error.validationErrors as { fieldErrors?: FieldErrorsOf<ShapedErrors> }).fieldErrors ?? ({} as FieldErrorsOf<ShapedErrors>));
        message = null;
      } else message = opts.messages?.invalid ?? tc("validation");
      const handled = opts.onFailure?.(message, error.serverError) === true;
      setErrorMessage(handled ? null : message);
    },
  });
  return { ...hook, pending: hook.isPending, errorMessage, setErrorMessage };
}

/**
 * The same mapping for a read that TanStack Query runs (a query function calling an action):
 * the action's data, or an Error whose message is the server's localised one (else `fallback`).
 */
export async function actionData<Data>(call: Promise<{ data?: Data; serverError?: ActionFailure } | undefined>, fallback: string): Promise<Data> {
  const result = await call;
  if (result?.data === undefined) throw new Error(result?.serverError?.message ?? fallback);
  return result.data;
}
