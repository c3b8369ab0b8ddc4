"use client";
// "Run now" for one scheduled job (/admin/jobs): queues a run beside the schedule, then reloads the list.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useSafeAction } from "@/lib/use-safe-action";
import { runJobNowAction } from "../actions";
import type { JobName } from "../schedule";

export function RunJobButton({ name, label }: { name: JobName; label: string }) {
  const t = useTranslations("admin.jobs");
  const router = useRouter();
  const [queued, setQueued] = useState(false);
  const run = useSafeAction(runJobNowAction, {
    onSuccess: () => {
      setQueued(true);
      router.refresh();
    },
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="secondary"
        pending={run.pending}
        pendingLabel={t("queueing")}
        aria-label={t("runNowLabel", { job: label })}
        onClick={() => {
          setQueued(false);
          run.execute({ name });
        }}
      >
        {t("runNow")}
      </Button>
      <p aria-live="polite" className="text-xs text-slate-600">
        {run.errorMessage ? <span className="text-red-700">{run.errorMessage}</span> : queued ? t("queued") : null}
      </p>
    </div>
  );
}
