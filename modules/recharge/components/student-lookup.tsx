"use client";

import type { SingleInputActionFn } from "next-safe-action/hooks";
import { type ReactNode, type Ref, useState } from "react";
import type { ZodType } from "zod";
import { Button } from "@/components/ui/button";
import { FieldError, Input, type InputProps } from "@/components/ui/input";
import type { ActionFailure } from "@/lib/errors";
import { useSafeAction } from "@/lib/use-safe-action";

/**
 * A student number typed, then looked up by an action (lib/use-safe-action.ts): the typed
 * text, what was found, the lookup's spinner and its error. `change` clears what was found
 * (it belongs to the old text).
 */
export function useStudentLookup<S extends ZodType | undefined, E, T>({
  find,
  messages,
  onFound,
}: {
  find: SingleInputActionFn<ActionFailure, S, E, T>;
  messages: { required: string; notFound: string; network: string };
  onFound?: (found: T) => void;
}) {
  const [studentNo, setStudentNo] = useState("");
  const [found, setFound] = useState<T | null>(null);
  const action = useSafeAction(find, {
    messages: { invalid: messages.notFound, network: messages.network },
    onSuccess: (data) => onFound?.(data),
  });

  const change = (value: string) => {
    setStudentNo(value);
    setFound(null);
    action.setErrorMessage(null);
  };

  const lookup = async (): Promise<T | null> => {
    const no = studentNo.trim();
    if (!no) {
      action.setErrorMessage(messages.required);
      return null;
    }
    setFound(null);
    const result = await action.executeAsync({ studentNo: no } as Parameters<typeof find>[0]).catch(() => undefined);
    const data = result?.data ?? null;
    setFound(data);
    return data;
  };

  return { studentNo, found, pending: action.pending, error: action.errorMessage, setError: action.setErrorMessage, change, lookup };
}

/** The student number field with its lookup button (Enter looks up too) and the lookup's error. */
export function StudentNoField({
  id,
  errorId,
  lookup,
  onChange,
  inputRef,
  buttonLabel,
  buttonTestId,
  ...inputProps
}: {
  id: string;
  errorId: string;
  lookup: Pick<ReturnType<typeof useStudentLookup>, "studentNo" | "pending" | "error" | "lookup">;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  buttonLabel: ReactNode;
  buttonTestId?: string;
} & Pick<InputProps, "placeholder" | "inputMode"> & { "data-testid"?: string }) {
  return (
    <>
      <div className="flex gap-2">
        <Input
          {...inputProps}
          ref={inputRef}
          id={id}
          value={lookup.studentNo}
          autoComplete="off"
          maxLength={32}
          invalid={Boolean(lookup.error)}
          aria-describedby={lookup.error ? errorId : undefined}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              void lookup.lookup();
            }
          }}
        />
        <Button variant="secondary" pending={lookup.pending} onClick={() => void lookup.lookup()} className="shrink-0" data-testid={buttonTestId}>
          {buttonLabel}
        </Button>
      </div>
      <FieldError id={errorId}>{lookup.error}</FieldError>
    </>
  );
}
