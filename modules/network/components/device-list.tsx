"use client";

import { ArrowDown } from "@/components/icons/lucide/arrow-down";
import { ArrowUp } from "@/components/icons/lucide/arrow-up";
import { KeyRound } from "@/components/icons/lucide/key-round";
import { MonitorSmartphone } from "@/components/icons/lucide/monitor-smartphone";
import { Pencil } from "@/components/icons/lucide/pencil";
import { ShieldAlert } from "@/components/icons/lucide/shield-alert";
import { ShieldCheck } from "@/components/icons/lucide/shield-check";
import { Smartphone } from "@/components/icons/lucide/smartphone";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldError, Input, Label } from "@/components/ui/input";
import { formatBytes, formatDate, formatDateTime } from "@/lib/format";
import { useSafeAction } from "@/lib/use-safe-action";
import { blockDeviceAction, renameDeviceAction, unblockDeviceAction, unregisterDeviceAction } from "@/modules/network/actions";
import { useRefreshLiveNetwork } from "@/modules/network/hooks/use-live-network";
import { deviceNameSchema } from "@/modules/network/schemas";
import type { DeviceDto } from "./network-view";
import { StrongConfirmDialog } from "./strong-confirm-dialog";

type Kind = "rename" | "unregister" | "block" | "unblock";
type Notice = { tone: "success" | "warning"; text: string } | null;

/** Registered and seen devices with this month's usage; rename, stop MAC sign-in, 挂失 and unblock. */
export function DeviceList({ devices }: { devices: DeviceDto[] }) {
  const t = useTranslations("network.devices");
  const tv = useTranslations("network.validation");
  const router = useRouter();
  const refreshLive = useRefreshLiveNetwork();
  const [, startRefresh] = useTransition();
  const [open, setOpen] = useState<{ kind: Kind; device: DeviceDto } | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [newName, setNewName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const renameId = useId();

  const labelOf = (d: DeviceDto) => d.name.trim() || d.mac;
  const label = open ? labelOf(open.device) : "";
  const done = (text: Notice) => {
    setOpen(null);
    setNotice(text);
    void refreshLive();
    startRefresh(() => router.refresh());
  };
  const messages = { invalid: tv("generic"), network: tv("network") };
  const actions = {
    rename: useSafeAction(renameDeviceAction, {
      messages,
      onSuccess: (_, input) => done({ tone: "success", text: t("renameDialog.done", { name: input.name.trim() }) }),
    }),
    unregister: useSafeAction(unregisterDeviceAction, {
      messages,
      onSuccess: () => done({ tone: "success", text: t("unregisterDialog.done", { device: label }) }),
    }),
    block: useSafeAction(blockDeviceAction, {
      messages,
      onSuccess: (r) =>
        done(
          r.confirmed < r.kicked
            ? { tone: "warning", text: t("blockDialog.notConfirmed", { device: label }) }
            : { tone: "success", text: t("blockDialog.done", { device: label, count: r.kicked }) },
        ),
    }),
    unblock: useSafeAction(unblockDeviceAction, { messages, onSuccess: () => done({ tone: "success", text: t("unblockDialog.done", { device: label }) }) }),
  };
  const pending = Object.values(actions).some((a) => a.pending);
  const error = open ? actions[open.kind].errorMessage : null;

  const start = (kind: Kind, device: DeviceDto) => {
    actions[kind].setErrorMessage(null);
    setNameError(undefined);
    setNewName(device.name);
    setOpen({ kind, device });
  };

  const run = () => {
    if (!open || pending) return;
    const { kind, device } = open;
    if (kind === "rename") {
      const r = deviceNameSchema.safeParse(newName);
      if (!r.success) {
        setNameError(tv(`name.${r.error.issues[0]?.message === "too_long" ? "too_long" : "required"}`));
        return;
      }
      actions.rename.execute({ deviceId: device.id, name: newName });
    } else actions[kind].execute({ deviceId: device.id });
  };

  const current = open?.device;
  const currentLabel = current ? labelOf(current) : "";

  return (
    <div>
      {notice ? (
        <Alert tone={notice.tone} className="mb-3">
          <span data-testid="devices-notice">{notice.text}</span>
        </Alert>
      ) : null}

      <ul aria-label={t("listLabel")} className="divide-y divide-slate-100 overflow-hidden rounded-2xl bg-white shadow-card ring-1 ring-slate-900/5">
        {devices.map((d) => (
          <DeviceRow key={d.id} device={d} onAction={(kind) => start(kind, d)} />
        ))}
      </ul>

      <ConfirmDialog
        open={open?.kind === "rename"}
        onOpenChange={(o) => !o && setOpen(null)}
        title={t("renameDialog.title")}
        confirmLabel={t("renameDialog.submit")}
        pending={pending}
        pendingLabel={t("renameDialog.pending")}
        error={error}
        onConfirm={run}
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
          className="pt-2"
        >
          <Label htmlFor={renameId}>{t("renameDialog.label")}</Label>
          <Input
            id={renameId}
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            invalid={!!nameError}
            maxLength={60}
            autoComplete="off"
            aria-describedby={`${renameId}-error`}
          />
          <FieldError id={`${renameId}-error`}>{nameError}</FieldError>
          {current ? <p className="mt-2 font-mono text-xs text-slate-500">{current.mac}</p> : null}
        </form>
      </ConfirmDialog>

      <ConfirmDialog
        open={open?.kind === "unregister"}
        onOpenChange={(o) => !o && setOpen(null)}
        title={t("unregisterDialog.title", { device: currentLabel })}
        confirmLabel={t("unregisterDialog.confirm")}
        pending={pending}
        pendingLabel={t("unregisterDialog.pending")}
        tone="danger"
        error={error}
        onConfirm={run}
      >
        {t("unregisterDialog.text")}
      </ConfirmDialog>

      <StrongConfirmDialog
        open={open?.kind === "block"}
        onOpenChange={(o) => !o && setOpen(null)}
        title={t("blockDialog.title", { device: currentLabel })}
        acknowledgement={t("blockDialog.ack")}
        confirmLabel={t("blockDialog.confirm")}
        pending={pending}
        pendingLabel={t("blockDialog.pending")}
        error={error}
        onConfirm={run}
      >
        <p>{t("blockDialog.intro")}</p>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>{t("blockDialog.kick")}</li>
          <li>{t("blockDialog.refuse")}</li>
          <li>{t("blockDialog.undo")}</li>
        </ul>
        {current ? <p className="mt-3 font-mono text-sm text-slate-700">{t("blockDialog.mac", { mac: current.mac })}</p> : null}
      </StrongConfirmDialog>

      <ConfirmDialog
        open={open?.kind === "unblock"}
        onOpenChange={(o) => !o && setOpen(null)}
        title={t("unblockDialog.title", { device: currentLabel })}
        confirmLabel={t("unblockDialog.confirm")}
        pending={pending}
        pendingLabel={t("unblockDialog.pending")}
        error={error}
        onConfirm={run}
      >
        {t("unblockDialog.text")}
      </ConfirmDialog>
    </div>
  );
}

function DeviceRow({ device: d, onAction }: { device: DeviceDto; onAction: (kind: Kind) => void }) {
  const t = useTranslations("network.devices");
  const locale = useLocale();
  const titleId = useId();
  const named = d.name.trim() !== "";
  const Icon = d.blocked ? ShieldAlert : d.macAuth ? MonitorSmartphone : Smartphone;
  return (
    <li className={cn("px-4 py-4 sm:px-5", d.blocked && "bg-red-50/40")} data-testid="device-row" data-mac={d.mac} data-blocked={d.blocked}>
      <div className="flex items-start gap-3">
        <span
          aria-hidden
          className={cn(
            "mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-xl",
            d.blocked ? "bg-red-100 text-red-700" : "bg-brand-50 text-brand-700",
          )}
        >
          <Icon className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <h3 id={titleId} className={cn("truncate font-medium", named ? "text-slate-900" : "text-slate-500 italic")}>
              {named ? d.name : t("unnamed")}
            </h3>
            {d.online ? (
              <Badge tone="green" dot className="px-2">
                {t("online")}
              </Badge>
            ) : null}
            {d.macAuth ? (
              <Badge tone="blue" className="px-2">
                <KeyRound aria-hidden className="size-3" />
                {t("macAuth")}
              </Badge>
            ) : null}
            {d.blocked ? (
              <Badge tone="red" className="px-2" data-testid="device-blocked">
                {t("blocked")}
              </Badge>
            ) : null}
          </div>
          <p className="mt-0.5 font-mono text-xs text-slate-500 tabular-nums">{d.mac}</p>
          <p className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-0.5 text-sm text-slate-700 tabular-nums">
            <span className="text-xs text-slate-500">{t("month")}</span>
            <span className="inline-flex items-center gap-0.5">
              <ArrowDown aria-hidden className="size-3.5 text-brand-600" />
              {formatBytes(d.monthDownloadBytes, locale)}
            </span>
            <span className="inline-flex items-center gap-0.5">
              <ArrowUp aria-hidden className="size-3.5 text-slate-400" />
              {formatBytes(d.monthUploadBytes, locale)}
            </span>
          </p>
          <p className="mt-0.5 text-xs text-slate-500">
            {d.blocked && d.blockedAt
              ? t("blockedAt", { date: formatDate(d.blockedAt, locale) })
              : d.lastSeenAt
                ? t("lastSeen", { time: formatDateTime(d.lastSeenAt, locale) })
                : t("neverSeen")}
          </p>
          <div role="group" aria-label={t("moreActions", { device: named ? d.name : d.mac })} className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={() => onAction("rename")}>
              <Pencil aria-hidden />
              {t("rename")}
            </Button>
            {d.macAuth ? (
              <Button size="sm" variant="secondary" onClick={() => onAction("unregister")}>
                {t("unregister")}
              </Button>
            ) : null}
            {d.blocked ? (
              <Button size="sm" variant="secondary" onClick={() => onAction("unblock")}>
                <ShieldCheck aria-hidden />
                {t("unblock")}
              </Button>
            ) : (
              <Button size="sm" variant="secondary" className="text-red-700 ring-red-300 hover:bg-red-50" onClick={() => onAction("block")}>
                <ShieldAlert aria-hidden />
                {t("block")}
              </Button>
            )}
          </div>
        </div>
      </div>
    </li>
  );
}
