"use client";
// The notification centre's Web Push card (decision 023): one device's opt-in. Permission is asked
// only when the student taps "turn on"; the subscription is made with the campus's VAPID public key
// (from the server page) and stored through savePushSubscriptionAction. "On" means this browser
// holds a subscription AND the server still keeps it (a push service's 404/410 removes it there).
import { BellRing } from "@/components/icons/lucide/bell-ring";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useOnline } from "@/components/offline/use-online";
import { useSafeAction } from "@/lib/use-safe-action";
import { needsIosInstallHint } from "@/modules/install/detect";
import { deletePushSubscriptionAction, savePushSubscriptionAction, sendTestPushAction } from "../actions";
import type { PushKind } from "../kinds";
import { applicationServerKey, endpointKey, sameServerKey } from "./endpoint-key";
import { PushPreferenceSwitch } from "./push-preference-switch";
import { RESUBSCRIBED_CACHE, RESUBSCRIBED_KEY } from "./resubscribed";

type DeviceState = "checking" | "unavailable" | "unsupported" | "ios-install" | "denied" | "off" | "on";

export interface PushCardProps {
  /** the campus's VAPID public key; null when Web Push is off (WEB_PUSH=off) */
  publicKey: string | null;
  /** endpointKey() of each subscription the server keeps for this student */
  storedKeys: string[];
  preferences: { kind: PushKind; enabled: boolean }[];
}

const READY_TIMEOUT_MS = 10_000;

/** The service worker's registration, once it is active (null if none comes: development, or blocked). */
async function readyRegistration(): Promise<ServiceWorkerRegistration | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), READY_TIMEOUT_MS));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration("/");
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** A subscription the service worker renewed (pushsubscriptionchange) while no page was open: app/sw.ts. */
async function takeResubscribed(): Promise<string | null> {
  try {
    const cache = await caches.open(RESUBSCRIBED_CACHE);
    const hit = await cache.match(RESUBSCRIBED_KEY);
    if (!hit) return null;
    await cache.delete(RESUBSCRIBED_KEY);
    const body = (await hit.json()) as { endpoint?: unknown };
    return typeof body.endpoint === "string" ? body.endpoint : null;
  } catch {
    return null;
  }
}

function supported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

export function PushCard({ publicKey, storedKeys, preferences }: PushCardProps) {
  const t = useTranslations("notifications.centre.push");
  const tv = useTranslations("network.validation");
  const locale = useLocale();
  const online = useOnline();
  const titleId = useId();
  const prefsTitleId = useId();
  const offlineId = useId();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [device, setDevice] = useState<DeviceState>("checking");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [enabling, startEnable] = useTransition();
  const [disabling, startDisable] = useTransition();
  const messages = { invalid: tv("generic"), network: tv("network") };

  const save = useSafeAction(savePushSubscriptionAction, { messages });
  const remove = useSafeAction(deletePushSubscriptionAction, {
    messages,
    // already gone on the server (a push service said 410): off is what the student wanted
    onFailure: (_message, failure) => failure?.code === "NOT_FOUND",
  });
  const sendTest = useSafeAction(sendTestPushAction, { messages, onSuccess: () => setNotice(t("testSent")) });

  const subscriptionInput = (subscription: PushSubscription) => {
    const json = subscription.toJSON();
    return {
      endpoint: subscription.endpoint,
      keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
      locale: locale as "zh-CN" | "en",
      userAgent: navigator.userAgent.slice(0, 400),
    };
  };

  // What this device can do and whether it is on: only the browser knows, so after hydration.
  const storedKey = storedKeys.join(",");
  useEffect(() => {
    let cancelled = false;
    const detect = async (): Promise<DeviceState> => {
      if (!publicKey) return "unavailable";
      const standalone = (navigator as { standalone?: boolean }).standalone === true || matchMedia("(display-mode: standalone)").matches;
      // iOS Safari offers Web Push only to an app added to the Home Screen
      if (needsIosInstallHint({ userAgent: navigator.userAgent, maxTouchPoints: navigator.maxTouchPoints, standalone })) return "ios-install";
      if (!supported()) return "unsupported";
      if (Notification.permission === "denied") return "denied";
      const subscription = await currentSubscription();
      if (!subscription) return "off";
      const stored = storedKey.split(",");
      if (stored.includes(await endpointKey(subscription.endpoint))) return "on";
      // renewed by the service worker while no page was open: store the new one now
      const renewed = await takeResubscribed();
      if (renewed === subscription.endpoint && Notification.permission === "granted") {
        const r = await save.executeAsync(subscriptionInput(subscription));
        if (r?.data) return "on";
      }
      return "off";
    };
    detect()
      .catch(() => "off" as const)
      .then((state) => {
        if (!cancelled) setDevice(state);
      });
    return () => {
      cancelled = true;
    };
    // save/subscriptionInput are stable enough; re-detect only when the server's list changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [publicKey, storedKey]);

  const settle = (state: DeviceState) => {
    setDevice(state);
    // the buttons change under the finger: keep focus on the card's state line, which is read out
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  const enable = () =>
    startEnable(async () => {
      setError(null);
      setNotice(null);
      if (!publicKey) return;
      // asked here, on the tap, never on page load
      const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
      if (permission === "denied") return settle("denied");
      if (permission !== "granted") return setError(t("permissionDismissed"));
      const registration = await readyRegistration();
      if (!registration) return setError(t("failed", { reason: t("reasons.noWorker") }));
      let subscription: PushSubscription | null = null;
      try {
        subscription = await registration.pushManager.getSubscription();
        // one the server no longer keeps (gone at its push service) or made for another key: a fresh one
        if (subscription && (!sameServerKey(subscription.options.applicationServerKey, publicKey) || device === "off")) {
          await subscription.unsubscribe().catch(() => false);
          subscription = null;
        }
        subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) });
      } catch {
        if (Notification.permission === "denied") return settle("denied");
        return setError(t("failed", { reason: t("reasons.subscribeFailed") }));
      }
      const r = await save.executeAsync(subscriptionInput(subscription));
      if (r?.data) settle("on");
    });

  const disable = () =>
    startDisable(async () => {
      setError(null);
      setNotice(null);
      const subscription = await currentSubscription().catch(() => null);
      if (subscription) {
        const r = await remove.executeAsync({ endpoint: subscription.endpoint });
        if (!r?.data && r?.serverError?.code !== "NOT_FOUND") return;
        await subscription.unsubscribe().catch(() => false);
      }
      setNotice(t("turnedOff"));
      settle("off");
    });

  const offline = !online;
  const busy = enabling || disabling;
  const otherDevices = Math.max(0, storedKeys.length - (device === "on" ? 1 : 0));
  const errorMessage = error ?? save.errorMessage ?? remove.errorMessage ?? sendTest.errorMessage;
  const stateText: Record<DeviceState, string> = {
    checking: t("checking"),
    unavailable: t("unavailable"),
    unsupported: t("unsupported"),
    "ios-install": t("iosInstall"),
    denied: t("denied"),
    off: t("off"),
    on: t("on"),
  };
  const showPreferences = device === "on" || otherDevices > 0;

  return (
    <Card aria-labelledby={titleId} className="p-5" data-testid="push-card" data-state={device}>
      <h2 id={titleId} className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <BellRing aria-hidden className="size-5 text-brand-700" />
        {t("cardTitle")}
      </h2>
      <p className="mt-1 text-sm leading-relaxed text-slate-600">{t("intro")}</p>

      <p
        ref={statusRef}
        tabIndex={-1}
        role="status"
        className="mt-3 flex items-start gap-2 rounded-lg text-sm font-medium text-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
        data-testid="push-state"
      >
        {device === "checking" ? <Spinner className="mt-0.5 text-brand-700" /> : null}
        <span>{stateText[device]}</span>
      </p>
      {otherDevices > 0 ? <p className="mt-1 text-sm text-slate-600">{t("otherDevices", { count: otherDevices })}</p> : null}

      {device === "off" || device === "on" ? (
        <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
          {device === "off" ? (
            <Button
              onClick={enable}
              pending={enabling}
              pendingLabel={t("enabling")}
              disabled={offline || busy}
              aria-describedby={offline ? offlineId : undefined}
              data-testid="push-enable"
            >
              <BellRing aria-hidden />
              {t("enableHere")}
            </Button>
          ) : (
            <>
              <Button
                onClick={() => {
                  setError(null);
                  setNotice(null);
                  sendTest.execute();
                }}
                pending={sendTest.pending}
                pendingLabel={t("testing")}
                disabled={offline || busy}
                aria-describedby={offline ? offlineId : undefined}
                data-testid="push-test"
              >
                {t("test")}
              </Button>
              <Button
                variant="secondary"
                onClick={disable}
                pending={disabling}
                pendingLabel={t("disabling")}
                disabled={offline || busy || sendTest.pending}
                aria-describedby={offline ? offlineId : undefined}
                data-testid="push-disable"
              >
                {t("disable")}
              </Button>
            </>
          )}
        </div>
      ) : null}

      {offline && (device === "off" || device === "on" || showPreferences) ? (
        <p id={offlineId} className="mt-2 text-sm text-amber-700" data-testid="push-offline">
          {t("offline")}
        </p>
      ) : null}
      {notice ? (
        <Alert tone="success" className="mt-3">
          {notice}
        </Alert>
      ) : null}
      {errorMessage ? (
        <Alert tone="error" className="mt-3">
          {errorMessage}
        </Alert>
      ) : null}

      {showPreferences ? (
        <section aria-labelledby={prefsTitleId} className="mt-5 border-t border-slate-100 pt-4" data-testid="push-preferences">
          <h3 id={prefsTitleId} className="text-sm font-semibold text-slate-900">
            {t("prefsTitle")}
          </h3>
          <p className="mt-1 text-sm text-slate-600">{t("prefsHint")}</p>
          <ul className="mt-2 divide-y divide-slate-100">
            {preferences.map((p) => (
              <PushPreferenceSwitch
                key={p.kind}
                kind={p.kind}
                label={t(`types.${p.kind}`)}
                initial={p.enabled}
                disabled={offline}
                describedBy={offline ? offlineId : undefined}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </Card>
  );
}
