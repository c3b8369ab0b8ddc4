"use client";
// One push kind's switch in the push card: it moves at once (optimistic) and moves back, with the
// reason, when saving fails.
import { useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { useSafeAction } from "@/lib/use-safe-action";
import { setPushPreferenceAction } from "../actions";
import type { PushKind } from "../kinds";

export function PushPreferenceSwitch({
  kind,
  label,
  initial,
  disabled,
  describedBy,
}: {
  kind: PushKind;
  label: string;
  initial: boolean;
  disabled?: boolean;
  describedBy?: string;
}) {
  const tv = useTranslations("network.validation");
  const labelId = useId();
  const errorId = useId();
  const [on, setOn] = useState(initial);
  const before = useRef(initial);
  const save = useSafeAction(setPushPreferenceAction, {
    messages: { invalid: tv("generic"), network: tv("network") },
    onFailure: () => setOn(before.current),
  });
  const describedByIds = [describedBy, save.errorMessage ? errorId : undefined].filter(Boolean).join(" ") || undefined;

  return (
    <li className="py-2.5" data-testid="push-preference" data-kind={kind} data-on={on}>
      <div className="flex items-center justify-between gap-4">
        <span id={labelId} className="min-w-0 text-sm text-slate-800">
          {label}
        </span>
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby={labelId}
          aria-describedby={describedByIds}
          aria-busy={save.pending || undefined}
          disabled={disabled || save.pending}
          onClick={() => {
            before.current = on;
            setOn(!on);
            save.execute({ kind, enabled: !on });
          }}
          className={cn(
            "relative inline-flex h-8 w-14 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-70",
            on ? "bg-brand-700" : "bg-slate-300",
          )}
        >
          <span
            className={cn(
              "inline-flex size-6 items-center justify-center rounded-full bg-white shadow transition-transform",
              on ? "translate-x-7" : "translate-x-1",
            )}
          >
            {save.pending ? <Spinner className="size-3.5 text-brand-700" /> : null}
          </span>
        </button>
      </div>
      {save.errorMessage ? (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
          {save.errorMessage}
        </p>
      ) : null}
    </li>
  );
}
