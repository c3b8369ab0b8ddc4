"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { useSafeAction } from "@/lib/use-safe-action";
import { runReconciliationAction } from "@/modules/finance/actions";

/** 对账: compare a gateway's statement of one day with the ledger; repairs what is safe. */
export function ReconcileForm({ channels, defaultDay, maxDay }: { channels: ("SANDBOX" | "WECHAT" | "ALIPAY")[]; defaultDay: string; maxDay: string }) {
  const t = useTranslations("finance.reconciliation");
  const tc = useTranslations("finance.channel");
  const router = useRouter();
  const channelId = useId();
  const dayId = useId();
  const [channel, setChannel] = useState(channels[0] ?? "SANDBOX");
  const [day, setDay] = useState(defaultDay);
  // On the way to the run's page the button keeps spinning.
  const [leaving, setLeaving] = useState(false);
  const run = useSafeAction(runReconciliationAction, {
    messages: { invalid: t("invalid"), network: t("network") },
    onSuccess: (data) => {
      setLeaving(true);
      router.push(`/admin/finance/reconciliation/${data.runId}`);
    },
  });
  const pending = run.pending || leaving;
  const error = run.errorMessage;

  if (channels.length === 0) return <p className="text-sm text-slate-600">{t("noChannel")}</p>;

  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        run.execute({ channel, day });
      }}
    >
      <div>
        <Label htmlFor={channelId}>{t("channel")}</Label>
        <Select id={channelId} value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)} className="min-w-40" data-testid="recon-channel">
          {channels.map((c) => (
            <option key={c} value={c}>
              {tc(c)}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor={dayId}>{t("day")}</Label>
        <Input id={dayId} type="date" value={day} max={maxDay} required onChange={(e) => setDay(e.target.value)} data-testid="recon-day" />
      </div>
      <Button type="submit" pending={pending} pendingLabel={t("running")} data-testid="recon-run">
        {t("run")}
      </Button>
      {error ? (
        <p role="alert" className="basis-full rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
