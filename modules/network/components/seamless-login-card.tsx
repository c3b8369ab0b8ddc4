"use client";

import { Zap } from "@/components/icons/lucide/zap";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { useSafeAction } from "@/lib/use-safe-action";
import { setSeamlessLoginAction } from "@/modules/network/actions";

/**
 * 无感知认证: one switch. While on, the devices listed below that this student signed in from
 * go online by their MAC alone; a MAC also used by another account does not (listed here).
 */
export function SeamlessLoginCard({ on, ambiguousMacs, deviceLimit }: { on: boolean; ambiguousMacs: string[]; deviceLimit: number }) {
  const t = useTranslations("network.seamless");
  const tv = useTranslations("network.validation");
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = useSafeAction(setSeamlessLoginAction, {
    messages: { invalid: tv("generic"), network: tv("network") },
    onSuccess: (data) => {
      setNotice(data.seamlessLogin ? t("turnedOn") : t("turnedOff"));
      startRefresh(() => router.refresh());
    },
  });
  // what the switch shows: the request's value while it runs, then the page's
  const checked = toggle.pending && toggle.input ? toggle.input.on : on;

  return (
    <Card aria-labelledby="seamless-title" className="p-5" data-testid="seamless-card" data-on={on}>
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id="seamless-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
            <Zap aria-hidden className="size-5 text-brand-700" />
            {t("title")}
          </h2>
          <p className="mt-1 text-sm leading-relaxed text-slate-600">{t("text")}</p>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={checked}
          aria-labelledby="seamless-title"
          aria-busy={toggle.pending}
          disabled={toggle.pending}
          onClick={() => {
            setNotice(null);
            toggle.execute({ on: !on });
          }}
          className={cn(
            "relative inline-flex h-8 w-14 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-70",
            checked ? "bg-brand-700" : "bg-slate-300",
          )}
          data-testid="seamless-switch"
        >
          <span
            className={cn(
              "inline-flex size-6 items-center justify-center rounded-full bg-white shadow transition-transform",
              checked ? "translate-x-7" : "translate-x-1",
            )}
          >
            {toggle.pending ? <Spinner className="size-3.5 text-brand-700" /> : null}
          </span>
        </button>
      </div>
      <p className="mt-3 text-sm font-medium text-slate-800" data-testid="seamless-state">
        {on ? t("stateOn") : t("stateOff")}
      </p>
      <p className="mt-1 text-xs leading-relaxed text-slate-500">{t("limitNote", { limit: deviceLimit })}</p>
      {on && ambiguousMacs.length > 0 ? (
        <div className="mt-3" data-testid="seamless-ambiguous">
          <Alert tone="warning">{t("ambiguous", { macs: ambiguousMacs.join(", ") })}</Alert>
        </div>
      ) : null}
      {notice ? (
        <Alert tone="success" className="mt-3">
          {notice}
        </Alert>
      ) : null}
      {toggle.errorMessage ? (
        <Alert tone="error" className="mt-3">
          {toggle.errorMessage}
        </Alert>
      ) : null}
    </Card>
  );
}
