"use client";

import { CalendarClock } from "@/components/icons/lucide/calendar-clock";
import { CirclePause } from "@/components/icons/lucide/circle-pause";
import { CirclePlay } from "@/components/icons/lucide/circle-play";
import { Snowflake } from "@/components/icons/lucide/snowflake";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Label } from "@/components/ui/input";
import { useFormat } from "@/i18n/use-format";
import { useSafeAction } from "@/lib/use-safe-action";
import { useRefreshLiveNetwork } from "@/modules/network/hooks/use-live-network";
import { cancelPauseAction, requestPauseAction, resumePauseAction } from "@/modules/pauses/actions";
import { addDays, daysBetween, splitRemaining, type PauseCardDto } from "./pause-view";

type Dialog = "request" | "cancel" | "resume" | null;

/**
 * 停机保号 on /network: pause now or schedule one (start and resume dates, the policy's min/max
 * shown), what happens to the package, and the scheduled or running pause with cancel / resume.
 * Every change is confirmed first.
 */
export function PauseCard({ data }: { data: PauseCardDto }) {
  const t = useTranslations("pauses");
  const f = useFormat();
  const locale = useLocale();
  const router = useRouter();
  const refreshLive = useRefreshLiveNetwork();
  const [, startRefresh] = useTransition();
  const ids = { start: useId(), resume: useId(), hint: useId() };
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mode, setMode] = useState<"now" | "scheduled">("now");
  const [startDay, setStartDay] = useState(addDays(data.today, 1));
  const [resumeDay, setResumeDay] = useState(addDays(data.today, data.minDays));

  // A start day moved later carries the resume day with it, so the length stays within the minimum.
  const atLeastMin = (from: string, resume: string) => (daysBetween(from, resume) < data.minDays ? addDays(from, data.minDays) : resume);
  const chooseMode = (m: "now" | "scheduled") => {
    setMode(m);
    setResumeDay((r) => atLeastMin(m === "now" ? data.today : startDay, r));
  };
  const chooseStart = (day: string) => {
    setStartDay(day);
    if (day) setResumeDay((r) => atLeastMin(day, r));
  };

  const done = async (message: string) => {
    setDialog(null);
    setNotice(message);
    await refreshLive();
    startRefresh(() => router.refresh());
  };
  const messages = { invalid: t("validation.generic"), network: t("validation.network") };
  const request = useSafeAction(requestPauseAction, {
    messages,
    onSuccess: (r) => done(r.state === "ACTIVE" ? t("done.pausedNow", { count: r.disconnected }) : t("done.scheduled", { days: r.days })),
  });
  const cancel = useSafeAction(cancelPauseAction, { messages, onSuccess: () => done(t("done.cancelled")) });
  const resume = useSafeAction(resumePauseAction, { messages, onSuccess: () => done(t("done.resumed")) });
  const error = request.errorMessage ?? cancel.errorMessage ?? resume.errorMessage;
  const open = (d: Dialog) => {
    request.setErrorMessage(null);
    cancel.setErrorMessage(null);
    resume.setErrorMessage(null);
    setNotice(null);
    setDialog(d);
  };

  const from = mode === "now" ? data.today : startDay;
  const days = daysBetween(from, resumeDay);
  const lengthOk = Number.isFinite(days) && days >= data.minDays && days <= data.maxDays;
  const dayText = (day: string) => f.date(`${day}T00:00:00+08:00`);
  const name = data.holding ? (locale === "en" ? data.holding.nameEn : data.holding.nameZh) : "";
  const left = splitRemaining(data.holding?.remainingMs ?? 0);

  const badge =
    data.status === "SUSPENDED"
      ? { tone: "red" as const, label: t("status.SUSPENDED") }
      : data.open?.state === "ACTIVE" || data.status === "PAUSED"
        ? { tone: "amber" as const, label: t("status.PAUSED") }
        : data.open?.state === "SCHEDULED"
          ? { tone: "blue" as const, label: t("status.SCHEDULED") }
          : { tone: "green" as const, label: t("status.ACTIVE") };

  return (
    <Card
      id="pause"
      aria-labelledby="pause-title"
      className="scroll-mt-24 p-5"
      data-testid="pause-card"
      data-status={data.status}
      data-pause={data.open?.state ?? "NONE"}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="pause-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <CirclePause aria-hidden className="size-5 text-brand-700" />
          {t("title")}
        </h2>
        <Badge tone={badge.tone} dot>
          {badge.label}
        </Badge>
      </div>

      {notice ? (
        <Alert tone="success" className="mt-3">
          {notice}
        </Alert>
      ) : null}
      {error && !dialog ? (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      ) : null}

      {data.status === "SUSPENDED" ? (
        <p className="mt-2 text-sm leading-relaxed text-slate-600">{t("suspendedText")}</p>
      ) : data.open?.state === "ACTIVE" ? (
        <div className="mt-3 space-y-3" data-testid="pause-active">
          <p className="text-sm leading-relaxed text-slate-700">{t("activeText", { resumeDay: dayText(data.open.resumeDay) })}</p>
          <HoldingLine data={data} name={name} left={left} />
          <Button className="w-full sm:w-auto" onClick={() => open("resume")}>
            <CirclePlay aria-hidden />
            {t("resume")}
          </Button>
        </div>
      ) : data.open?.state === "SCHEDULED" ? (
        <div className="mt-3 space-y-3" data-testid="pause-scheduled">
          <p className="flex gap-2 text-sm leading-relaxed text-slate-700">
            <CalendarClock aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-700" />
            {t("scheduledText", { startDay: dayText(data.open.startDay), resumeDay: dayText(data.open.resumeDay), days: data.open.days })}
          </p>
          <HoldingLine data={data} name={name} left={left} />
          <Button variant="secondary" className="w-full sm:w-auto" onClick={() => open("cancel")}>
            {t("cancel")}
          </Button>
        </div>
      ) : data.status === "PAUSED" ? (
        <div className="mt-3 space-y-3">
          <p className="text-sm leading-relaxed text-slate-700">{t("legacyPaused")}</p>
          <Button className="w-full sm:w-auto" onClick={() => open("resume")}>
            <CirclePlay aria-hidden />
            {t("resume")}
          </Button>
        </div>
      ) : (
        <form
          className="mt-2 space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (lengthOk) open("request");
          }}
        >
          <p className="text-sm leading-relaxed text-slate-600">{t("intro", { min: data.minDays, max: data.maxDays })}</p>
          <HoldingLine data={data} name={name} left={left} />
          <fieldset>
            <legend className="mb-1.5 text-sm font-medium text-slate-700">{t("when")}</legend>
            <div className="grid grid-cols-2 gap-2">
              {(["now", "scheduled"] as const).map((m) => (
                <label
                  key={m}
                  className="flex h-11 cursor-pointer items-center justify-center gap-2 rounded-xl text-sm font-medium ring-1 ring-slate-300 ring-inset has-checked:bg-brand-50 has-checked:text-brand-800 has-checked:ring-2 has-checked:ring-brand-600"
                >
                  <input type="radio" name="pause-mode" value={m} checked={mode === m} onChange={() => chooseMode(m)} className="sr-only" />
                  {t(m)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {mode === "scheduled" ? (
              <div>
                <Label htmlFor={ids.start}>{t("startDay")}</Label>
                <Input id={ids.start} type="date" required min={data.today} value={startDay} onChange={(e) => chooseStart(e.target.value)} />
              </div>
            ) : null}
            <div>
              <Label htmlFor={ids.resume}>{t("resumeDay")}</Label>
              <Input
                id={ids.resume}
                type="date"
                required
                min={addDays(from, data.minDays)}
                max={addDays(from, data.maxDays)}
                value={resumeDay}
                invalid={!lengthOk}
                aria-describedby={ids.hint}
                onChange={(e) => setResumeDay(e.target.value)}
              />
            </div>
          </div>
          <p id={ids.hint} className={lengthOk ? "text-sm text-slate-600" : "text-sm text-red-700"} data-testid="pause-length">
            {lengthOk ? t("length", { days }) : t("lengthInvalid", { min: data.minDays, max: data.maxDays, days: Number.isFinite(days) ? days : 0 })}
            <span className="block text-xs text-slate-500">{t("resumeHint", { min: data.minDays, max: data.maxDays })}</span>
          </p>
          <p className="text-xs leading-relaxed text-slate-500">{t("monthNote")}</p>
          <Button type="submit" variant="secondary" className="w-full sm:w-auto" disabled={!lengthOk}>
            <CirclePause aria-hidden />
            {mode === "now" ? t("submitNow") : t("submitScheduled")}
          </Button>
        </form>
      )}

      <ConfirmDialog
        open={dialog === "request"}
        onOpenChange={(o) => setDialog(o ? "request" : null)}
        title={mode === "now" ? t("confirmTitleNow") : t("confirmTitleScheduled")}
        confirmLabel={mode === "now" ? t("confirm") : t("confirmScheduledButton")}
        pending={request.pending}
        pendingLabel={t("requesting")}
        tone={mode === "now" ? "danger" : "primary"}
        error={error}
        onConfirm={() => request.execute({ startDay: mode === "now" ? null : startDay, resumeDay })}
      >
        {mode === "now"
          ? t("confirmNow", { resumeDay: dayText(resumeDay) })
          : t("confirmScheduled", { startDay: dayText(startDay), resumeDay: dayText(resumeDay), days })}
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "cancel"}
        onOpenChange={(o) => setDialog(o ? "cancel" : null)}
        title={t("cancelConfirmTitle")}
        confirmLabel={t("cancel")}
        cancelLabel={t("keep")}
        pending={cancel.pending}
        pendingLabel={t("cancelling")}
        error={error}
        onConfirm={() => cancel.execute()}
      >
        {t("cancelConfirmText")}
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "resume"}
        onOpenChange={(o) => setDialog(o ? "resume" : null)}
        title={t("resumeConfirmTitle")}
        confirmLabel={t("resume")}
        pending={resume.pending}
        pendingLabel={t("resuming")}
        error={error}
        onConfirm={() => resume.execute()}
      >
        {t("resumeConfirmText")}
      </ConfirmDialog>
    </Card>
  );
}

function HoldingLine({ data, name, left }: { data: PauseCardDto; name: string; left: { days: number; hours: number } }) {
  const t = useTranslations("pauses");
  if (!data.holding) return <p className="text-sm text-slate-600">{t("noHolding")}</p>;
  return (
    <p className="flex gap-2 rounded-xl bg-sky-50 p-3 text-sm leading-relaxed text-sky-900" data-testid="pause-holding">
      <Snowflake aria-hidden className="mt-0.5 size-4 shrink-0 text-sky-600" />
      {data.holding.frozen ? t("holdingFrozen", { name, ...left }) : t("holdingLive", { name, ...left })}
    </p>
  );
}
