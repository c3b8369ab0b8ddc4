"use client";

import { ArrowDown } from "@/components/icons/lucide/arrow-down";
import { ArrowUp } from "@/components/icons/lucide/arrow-up";
import { MonitorSmartphone } from "@/components/icons/lucide/monitor-smartphone";
import { Unplug } from "@/components/icons/lucide/unplug";
import { WifiOff } from "@/components/icons/lucide/wifi-off";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { formatBytes, formatTime } from "@/lib/format";
import { useSafeAction } from "@/lib/use-safe-action";
import { disconnectSessionAction } from "@/modules/network/actions";
import { useLiveNetwork, useRefreshLiveNetwork } from "@/modules/network/hooks/use-live-network";
import { useDuration } from "@/modules/network/hooks/use-duration";
import { LiveStatus } from "./live-status";
import { deviceLabel, type LiveNetworkDto, type SessionDto } from "./network-view";

type Notice = { tone: "success" | "warning"; text: string } | null;

/**
 * Sessions online now (device name or MAC, IP, since, bytes up/down), refreshed every 10 s,
 * with "take this device offline" behind a confirmation.
 */
export function LiveSessions({ initial }: { initial: LiveNetworkDto }) {
  const t = useTranslations("network.sessions");
  const tv = useTranslations("network.validation");
  const tc = useTranslations("common.actions");
  const query = useLiveNetwork(initial);
  const refreshLive = useRefreshLiveNetwork();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const sessions = query.data.sessions;
  const [target, setTarget] = useState<SessionDto | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const nameOf = (s: SessionDto) => deviceLabel(s) ?? t("unknownDevice");

  const disconnect = useSafeAction(disconnectSessionAction, {
    messages: { invalid: tv("generic"), network: tv("network") },
    onSuccess: async (data) => {
      const device = target ? nameOf(target) : t("unknownDevice");
      setTarget(null);
      setNotice(data.result === "ACK" ? { tone: "success", text: t("done", { device }) } : { tone: "warning", text: t("notConfirmed") });
      await refreshLive();
      startRefresh(() => router.refresh());
    },
  });

  const confirm = () => {
    if (!target || disconnect.pending) return;
    disconnect.execute({ sessionId: target.id });
  };

  return (
    <Card aria-labelledby="sessions-title">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-5 pt-5">
        <h2 id="sessions-title" className="text-base font-semibold text-slate-900">
          {t("title")}
        </h2>
        {sessions.length > 0 ? (
          <Badge tone="green" dot data-testid="sessions-count">
            {t("count", { count: sessions.length })}
          </Badge>
        ) : null}
      </div>

      {notice ? (
        <Alert
          tone={notice.tone}
          className="mx-5 mt-3"
          action={
            <Button size="sm" variant="secondary" onClick={() => setNotice(null)}>
              {tc("close")}
            </Button>
          }
        >
          <span data-testid="sessions-notice">{notice.text}</span>
        </Alert>
      ) : null}

      {sessions.length === 0 ? (
        <EmptyState className="py-8" icon={<WifiOff />} title={t("emptyTitle")} description={t("emptyText")} />
      ) : (
        <ul aria-label={t("listLabel")} className="mt-3 divide-y divide-slate-100">
          {sessions.map((s) => (
            <SessionRow key={s.id} session={s} now={query.data.at} name={nameOf(s)} onDisconnect={() => (disconnect.setErrorMessage(null), setTarget(s))} />
          ))}
        </ul>
      )}

      <LiveStatus className="border-t border-slate-100 px-5 py-3" updatedAt={query.dataUpdatedAt} error={query.isError} fetching={query.isFetching} />

      <ConfirmDialog
        open={target !== null}
        onOpenChange={(open) => {
          if (!open) setTarget(null);
        }}
        title={target ? t("confirmTitle", { device: nameOf(target) }) : ""}
        confirmLabel={t("confirm")}
        pending={disconnect.pending}
        pendingLabel={t("pending")}
        tone="danger"
        error={disconnect.errorMessage}
        onConfirm={confirm}
      >
        {t("confirmText")}
      </ConfirmDialog>
    </Card>
  );
}

function SessionRow({ session: s, now, name, onDisconnect }: { session: SessionDto; now: string; name: string; onDisconnect: () => void }) {
  const t = useTranslations("network.sessions");
  const locale = useLocale();
  const duration = useDuration(Date.parse(now) - Date.parse(s.startedAt));
  return (
    <li className="px-5 py-4" data-testid="live-session" data-mac={s.mac ?? ""}>
      <div className="flex items-start gap-3">
        <span aria-hidden className="mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-700">
          <MonitorSmartphone className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <p className="truncate font-medium text-slate-900">{name}</p>
            {s.speedMode ? (
              <Badge tone={s.speedMode === "THROTTLED" ? "amber" : "green"} className="px-2">
                {t(`mode.${s.speedMode}`)}
              </Badge>
            ) : null}
          </div>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs text-slate-500">
            {s.mac && s.mac !== name ? (
              <>
                <dt>{t("mac")}</dt>
                <dd className="font-mono tabular-nums">{s.mac}</dd>
              </>
            ) : null}
            {s.framedIp ? (
              <>
                <dt>{t("ip")}</dt>
                <dd className="font-mono tabular-nums">{s.framedIp}</dd>
              </>
            ) : null}
            <dt>{t("since")}</dt>
            <dd className="tabular-nums">
              <time dateTime={s.startedAt}>{formatTime(s.startedAt, locale)}</time>
              <span aria-hidden> · </span>
              {t("online", { duration })}
            </dd>
          </dl>
          <div className="mt-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700 tabular-nums">
              <span className="inline-flex items-center gap-1">
                <ArrowDown aria-hidden className="size-3.5 text-brand-600" />
                <span className="sr-only">{t("download")}</span>
                {formatBytes(s.downloadBytes, locale)}
              </span>
              <span className="inline-flex items-center gap-1">
                <ArrowUp aria-hidden className="size-3.5 text-slate-400" />
                <span className="sr-only">{t("upload")}</span>
                {formatBytes(s.uploadBytes, locale)}
              </span>
            </p>
            <Button size="sm" variant="secondary" onClick={onDisconnect} aria-label={t("disconnectLabel", { device: name })} className="ml-auto">
              <Unplug aria-hidden />
              {t("disconnect")}
            </Button>
          </div>
        </div>
      </div>
    </li>
  );
}
