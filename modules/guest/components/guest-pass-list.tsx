"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatBytes, formatDateTime, formatTime } from "@/lib/format";
import { useSafeAction } from "@/lib/use-safe-action";
import { revokeGuestPassAction } from "@/modules/guest/actions";
import { timeLeft, type GuestPassDto } from "./guest-view";

/** The live passes with usage and time left, each revocable after a confirmation. */
export function LiveGuestPasses({ passes, now }: { passes: GuestPassDto[]; now: string }) {
  const t = useTranslations("guest");
  const locale = useLocale();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [open, setOpen] = useState<GuestPassDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const revoke = useSafeAction(revokeGuestPassAction, {
    messages: { invalid: t("validation.generic"), network: t("validation.network") },
    onSuccess: (r) => {
      const code = open?.code ?? "";
      setNotice(r.disconnected ? t("revokeDialog.doneKicked", { code, count: r.disconnected }) : t("revokeDialog.done", { code }));
      setOpen(null);
      startRefresh(() => router.refresh());
    },
  });
  const left = (p: GuestPassDto) => {
    const { h, m } = timeLeft(p.expiresAt, now);
    return h > 0 ? t("hoursMinutes", { h, m }) : t("minutes", { m });
  };

  return (
    <>
      {notice ? (
        <Alert tone="success">
          <span data-testid="guest-notice">{notice}</span>
        </Alert>
      ) : null}
      {passes.length ? (
        <Card aria-labelledby="guest-live-title">
          <CardHeader>
            <CardTitle id="guest-live-title">{t("live.title")}</CardTitle>
          </CardHeader>
          <ul className="divide-y divide-slate-100 px-5 pb-2" data-testid="guest-live">
            {passes.map((p) => (
              <li key={p.id} className="flex items-center gap-3 py-3" data-testid="guest-live-item">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900">
                    <span className="font-mono">{p.login}</span>
                    <span className="ml-2 text-sm font-normal text-slate-500">{p.label ?? t("noLabel")}</span>
                  </p>
                  <p className="text-sm text-slate-600">
                    {t("live.used", { used: formatBytes(p.usedBytes, locale), max: formatBytes(p.maxBytes, locale) })} · {t("live.left", { time: left(p) })} (
                    {t("live.until", { time: formatTime(p.expiresAt, locale) })})
                  </p>
                  <p className="text-xs text-slate-500">{t("live.online", { count: p.liveSessions })}</p>
                </div>
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    setNotice(null);
                    revoke.setErrorMessage(null);
                    setOpen(p);
                  }}
                >
                  {t("live.revoke")}
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <ConfirmDialog
        open={open !== null}
        onOpenChange={(o) => (o ? null : setOpen(null))}
        title={t("revokeDialog.title", { code: open?.code ?? "" })}
        confirmLabel={t("revokeDialog.confirm")}
        tone="danger"
        pending={revoke.pending}
        pendingLabel={t("revokeDialog.pending")}
        error={revoke.errorMessage}
        onConfirm={() => {
          if (open) revoke.execute({ passId: open.id });
        }}
      >
        {t("revokeDialog.body")}
        {open ? <span className="mt-2 block text-slate-500">{formatDateTime(open.expiresAt, locale)}</span> : null}
      </ConfirmDialog>
    </>
  );
}

const stateTone = { EXPIRED: "gray", REVOKED: "red", USED_UP: "amber", LIVE: "green" } as const;

/** Ended passes: label, what was used, when. */
export function PastGuestPasses({ passes }: { passes: GuestPassDto[] }) {
  const t = useTranslations("guest");
  const locale = useLocale();
  if (!passes.length) return null;
  return (
    <Card aria-labelledby="guest-past-title">
      <CardHeader>
        <CardTitle id="guest-past-title">{t("past.title")}</CardTitle>
      </CardHeader>
      <ul className="divide-y divide-slate-100 px-5 pb-2" data-testid="guest-past">
        {passes.map((p) => (
          <li key={p.id} className="flex items-center gap-3 py-3" data-testid="guest-past-item">
            <div className="min-w-0 flex-1">
              <p className="truncate text-slate-900">
                <span className="font-mono">{p.code}</span>
                <span className="ml-2 text-sm text-slate-500">{p.label ?? t("noLabel")}</span>
              </p>
              <p className="text-sm text-slate-500">
                {t("past.created", { time: formatDateTime(p.createdAt, locale) })} · {t("past.used", { used: formatBytes(p.usedBytes, locale) })}
              </p>
            </div>
            <Badge tone={stateTone[p.state]}>{t(`past.state.${p.state}`)}</Badge>
          </li>
        ))}
      </ul>
    </Card>
  );
}
