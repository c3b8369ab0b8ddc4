"use client";

import { QrCode } from "@/components/icons/lucide/qr-code";
import { TicketPlus } from "@/components/icons/lucide/ticket-plus";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useId, useState, useTransition } from "react";
import { useOnline } from "@/components/offline/use-online";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FieldError, Input, Label, Select } from "@/components/ui/input";
import { formatBytes, formatDateTime } from "@/lib/format";
import { useSafeAction } from "@/lib/use-safe-action";
import { issueGuestPassAction, type IssuedGuestPassDto } from "@/modules/guest/actions";
import { GUEST_LABEL_MAX } from "@/modules/guest/schemas";
import { dataOptionsMiB } from "./guest-view";

const MiB = 1024 * 1024;

/** Issue a pass (hours, data, note); the new pass is shown once with its PIN and QR code. */
export function GuestPassForm({
  maxHours,
  maxMiB,
  maxLive,
  liveCount,
  canIssue,
}: {
  maxHours: number;
  maxMiB: number;
  maxLive: number;
  liveCount: number;
  canIssue: boolean;
}) {
  const t = useTranslations("guest");
  const tOffline = useTranslations("offline.needsNetwork");
  // Offline a pass cannot be issued: the button says so instead of failing after the tap.
  const online = useOnline();
  const offlineNoteId = useId();
  const locale = useLocale();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const options = dataOptionsMiB(maxMiB);
  const [hours, setHours] = useState(Math.min(2, maxHours));
  const [dataMiB, setDataMiB] = useState(options[options.length - 1]!);
  const [label, setLabel] = useState("");
  const [labelError, setLabelError] = useState<string | undefined>();
  const [issued, setIssued] = useState<IssuedGuestPassDto | null>(null);
  const action = useSafeAction(issueGuestPassAction, {
    messages: { invalid: t("validation.generic"), network: t("validation.network") },
    onSuccess: (data) => {
      setIssued(data);
      setLabel("");
      startRefresh(() => router.refresh());
    },
    onFieldErrors: (fe) => setLabelError(fe.label?.[0] ? t("validation.label_too_long") : undefined),
  });
  const hoursId = useId();
  const dataId = useId();
  const labelId = useId();
  const full = liveCount >= maxLive;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (action.pending || full || !canIssue || !online) return;
    if (label.trim().length > GUEST_LABEL_MAX) {
      setLabelError(t("validation.label_too_long"));
      document.getElementById(labelId)?.focus();
      return;
    }
    setLabelError(undefined);
    action.execute({ hours, dataMiB, label: label.trim() || undefined });
  };

  if (issued) return <IssuedPass pass={issued} onDone={() => setIssued(null)} locale={locale} />;

  return (
    <Card aria-labelledby="guest-form-title" className="p-5">
      <h2 id="guest-form-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <TicketPlus aria-hidden className="size-5 text-brand-700" />
        {t("form.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-500">
        {t("form.text", { hours: maxHours, data: formatBytes(BigInt(maxMiB) * BigInt(MiB), locale), max: maxLive })}
      </p>
      {action.errorMessage ? (
        <Alert tone="error" className="mt-3">
          <span data-testid="guest-form-error">{action.errorMessage}</span>
        </Alert>
      ) : null}
      {!canIssue ? (
        <p className="mt-3 rounded-xl bg-slate-100 px-3.5 py-2.5 text-sm text-slate-700">{t("form.paused")}</p>
      ) : full ? (
        <p className="mt-3 rounded-xl bg-slate-100 px-3.5 py-2.5 text-sm text-slate-700" data-testid="guest-form-full">
          {t("form.full", { max: maxLive })}
        </p>
      ) : (
        <form noValidate onSubmit={submit} className="mt-4 grid gap-4 sm:grid-cols-3">
          <div>
            <Label htmlFor={hoursId}>{t("form.hours")}</Label>
            <Select id={hoursId} name="hours" value={hours} onChange={(e) => setHours(Number(e.target.value))}>
              {Array.from({ length: maxHours }, (_, i) => i + 1).map((h) => (
                <option key={h} value={h}>
                  {t("form.hoursOption", { count: h })}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor={dataId}>{t("form.data")}</Label>
            <Select id={dataId} name="dataMiB" value={dataMiB} onChange={(e) => setDataMiB(Number(e.target.value))}>
              {options.map((m) => (
                <option key={m} value={m}>
                  {formatBytes(BigInt(m) * BigInt(MiB), locale)}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor={labelId}>{t("form.label")}</Label>
            <Input
              id={labelId}
              name="label"
              value={label}
              onChange={(e) => setLabel(e.target.value)}
              invalid={!!labelError}
              maxLength={60}
              autoComplete="off"
              placeholder={t("form.labelPlaceholder")}
              aria-describedby={`${labelId}-error`}
            />
            <FieldError id={`${labelId}-error`}>{labelError}</FieldError>
          </div>
          <div className="sm:col-span-3">
            <Button
              type="submit"
              pending={action.pending}
              pendingLabel={t("form.pending")}
              disabled={!online}
              aria-describedby={online ? undefined : offlineNoteId}
              className="w-full sm:w-auto sm:min-w-28"
            >
              {t("form.submit")}
            </Button>
            {online ? null : (
              <p id={offlineNoteId} className="mt-1.5 text-sm font-medium text-amber-800" data-testid="guest-offline">
                {tOffline("guestPass")}
              </p>
            )}
          </div>
        </form>
      )}
    </Card>
  );
}

function IssuedPass({ pass, onDone, locale }: { pass: IssuedGuestPassDto; onDone: () => void; locale: string }) {
  const t = useTranslations("guest.issued");
  return (
    <Card aria-labelledby="guest-issued-title" className="p-5" data-testid="guest-issued">
      <h2 id="guest-issued-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <QrCode aria-hidden className="size-5 text-brand-700" />
        {t("title")}
      </h2>
      <Alert tone="warning" className="mt-3">
        {t("once")}
      </Alert>
      <div className="mt-4 flex flex-col items-center gap-4 sm:flex-row sm:items-start">
        <div
          role="img"
          aria-label={t("qr")}
          data-testid="guest-qr"
          className="size-48 shrink-0 rounded-xl bg-white p-2 ring-1 ring-slate-200 [&_svg]:size-full"
          // the SVG is made by the qrcode package from the login and PIN, never from other input
          dangerouslySetInnerHTML={{ __html: pass.qrSvg }}
        />
        <dl className="w-full space-y-3 text-sm">
          <div>
            <dt className="text-slate-500">{t("login")}</dt>
            <dd className="font-mono text-lg font-semibold tracking-wide text-slate-900 select-all" data-testid="guest-login">
              {pass.login}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("pin")}</dt>
            <dd className="font-mono text-2xl font-semibold tracking-[0.3em] text-slate-900 select-all" data-testid="guest-pin">
              {pass.pin}
            </dd>
          </div>
          <div className="text-slate-600">
            <p>{t("until", { time: formatDateTime(pass.expiresAt, locale) })}</p>
            <p>{t("data", { data: formatBytes(pass.maxBytes, locale) })}</p>
          </div>
        </dl>
      </div>
      <p className="mt-4 text-sm text-slate-500">{t("howto")}</p>
      <Button variant="secondary" className="mt-4 w-full sm:w-auto" onClick={onDone}>
        {t("done")}
      </Button>
    </Card>
  );
}
