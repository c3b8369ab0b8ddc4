"use client";

import { CirclePause, CirclePlay } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useSafeAction } from "@/lib/use-safe-action";
import { pauseAccountAction, resumeAccountAction } from "@/modules/network/actions";
import { useRefreshLiveNetwork } from "@/modules/network/hooks/use-live-network";

type Status = "ACTIVE" | "PAUSED" | "SUSPENDED";

/**
 * 停机保号: pause the account (confirmation first: devices online are disconnected) and
 * resume it (no confirmation: it only gives the student back what they had).
 */
export function PauseAccountCard({ status }: { status: Status }) {
  const t = useTranslations("network.pause");
  const tv = useTranslations("network.validation");
  const router = useRouter();
  const refreshLive = useRefreshLiveNetwork();
  const [, startRefresh] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const done = async (message: string) => {
    setConfirming(false);
    setNotice(message);
    await refreshLive();
    startRefresh(() => router.refresh());
  };
  const messages = { invalid: tv("generic"), network: tv("network") };
  const pause = useSafeAction(pauseAccountAction, { messages, onSuccess: (data) => done(t("paused", { count: data.disconnected })) });
  const resume = useSafeAction(resumeAccountAction, { messages, onSuccess: () => done(t("resumed")) });
  const error = pause.errorMessage ?? resume.errorMessage;
  const run = (action: { execute: () => void }) => {
    if (pause.pending || resume.pending) return;
    pause.setErrorMessage(null);
    resume.setErrorMessage(null);
    setNotice(null);
    action.execute();
  };

  const tone = status === "ACTIVE" ? "green" : status === "PAUSED" ? "amber" : "red";

  return (
    <Card id="pause" aria-labelledby="pause-title" className="scroll-mt-24 p-5" data-testid="pause-card" data-status={status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="pause-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <CirclePause aria-hidden className="size-5 text-brand-700" />
          {t("title")}
        </h2>
        <Badge tone={tone} dot>
          {t(`status.${status}`)}
        </Badge>
      </div>
      <p className="mt-2 text-sm leading-relaxed text-slate-600">
        {status === "ACTIVE" ? t("activeText") : status === "PAUSED" ? t("pausedText") : t("suspendedText")}
      </p>

      {notice ? (
        <Alert tone="success" className="mt-3">
          {notice}
        </Alert>
      ) : null}
      {error && !confirming ? (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      ) : null}

      {status === "ACTIVE" ? (
        <Button
          variant="secondary"
          className="mt-4 w-full sm:w-auto"
          onClick={() => (pause.setErrorMessage(null), resume.setErrorMessage(null), setConfirming(true))}
        >
          <CirclePause aria-hidden />
          {t("pause")}
        </Button>
      ) : status === "PAUSED" ? (
        <Button className="mt-4 w-full sm:w-auto" pending={resume.pending} pendingLabel={t("resuming")} onClick={() => run(resume)}>
          <CirclePlay aria-hidden />
          {t("resume")}
        </Button>
      ) : null}

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("confirmTitle")}
        confirmLabel={t("confirm")}
        pending={pause.pending}
        pendingLabel={t("pausing")}
        tone="danger"
        error={error}
        onConfirm={() => run(pause)}
      >
        {t("confirmText")}
      </ConfirmDialog>
    </Card>
  );
}
