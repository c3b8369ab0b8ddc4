"use client";

import { type ReactNode, type Ref, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, type InputProps } from "@/components/ui/input";

type LookupResult<T> = { data?: T; serverError?: { message: string } } | undefined;

/**
 * A student number typed, then looked up by an action: the typed text, what was found, the
 * lookup's spinner and its error. `change` clears what was found (it belongs to the old text).
 */
export function useStudentLookup<T>({
  find,
  messages,
  onFound,
}: {
  find: (input: { studentNo: string }) => Promise<LookupResult<T>>;
  messages: { required: string; notFound: string; network: string };
  onFound?: (found: T) => void;
}) {
  const [studentNo, setStudentNo] = useState("");
  const [found, setFound] = useState<T | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = (value: string) => {
    setStudentNo(value);
    setFound(null);
    setError(null);
  };

  const lookup = async (): Promise<T | null> => {
    const no = studentNo.trim();
    if (!no) {
      setError(messages.required);
      return null;
    }
    setPending(true);
    setError(null);
    try {
      const result = await find({ studentNo: no });
      if (result?.data) {
        setFound(result.data);
        onFound?.(result.data);
        return result.data;
      }
      setFound(null);
      setError(result?.serverError?.message ?? messages.notFound);
      return null;
    } catch {
      setError(messages.network);
      return null;
    } finally {
      setPending(false);
    }
  };

  return { studentNo, found, pending, error, setError, change, lookup };
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
