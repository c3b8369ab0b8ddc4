"use client";
// The home page's install help: the browser's own offer (beforeinstallprompt: Android, desktop
// Chrome/Edge) as a small dismissible card, or on iOS Safari, which has no such event, one hint
// that points at the Share button. Either, once dismissed, stays away (localStorage).
import { Share, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { needsIosInstallHint } from "../detect";

export const INSTALL_DISMISSED_KEY = "campusnet.install.dismissed";
export const IOS_HINT_DISMISSED_KEY = "campusnet.install.iosHintDismissed";

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

function dismissed(key: string): boolean {
  try {
    return localStorage.getItem(key) === "1";
  } catch {
    return true; // storage blocked: better no card than one that cannot be put away
  }
}

function remember(key: string): void {
  try {
    localStorage.setItem(key, "1");
  } catch {
    // storage blocked: the card closes for this visit only
  }
}

const subscribeNothing = () => () => {};
function iosHintWanted(): boolean {
  const standalone = (navigator as { standalone?: boolean }).standalone === true || matchMedia("(display-mode: standalone)").matches;
  return needsIosInstallHint({ userAgent: navigator.userAgent, maxTouchPoints: navigator.maxTouchPoints, standalone }) && !dismissed(IOS_HINT_DISMISSED_KEY);
}

export function InstallPrompt() {
  const t = useTranslations("install");
  const titleId = useId();
  const [offer, setOffer] = useState<BeforeInstallPromptEvent | null>(null);
  const [closed, setClosed] = useState(false);
  const ios = useSyncExternalStore(subscribeNothing, iosHintWanted, () => false);

  useEffect(() => {
    const onOffer = (event: Event) => {
      if (dismissed(INSTALL_DISMISSED_KEY)) return; // the browser may show its own UI instead
      event.preventDefault();
      setOffer(event as BeforeInstallPromptEvent);
    };
    const onInstalled = () => setOffer(null);
    window.addEventListener("beforeinstallprompt", onOffer);
    window.addEventListener("appinstalled", onInstalled);
    return () => {
      window.removeEventListener("beforeinstallprompt", onOffer);
      window.removeEventListener("appinstalled", onInstalled);
    };
  }, []);

  if (closed || (!offer && !ios)) return null;

  const dismiss = () => {
    remember(offer ? INSTALL_DISMISSED_KEY : IOS_HINT_DISMISSED_KEY);
    setClosed(true);
  };
  const install = async () => {
    if (!offer) return;
    setOffer(null); // an offer can be used once
    await offer.prompt();
  };

  return (
    <section
      aria-labelledby={titleId}
      data-testid={offer ? "install-card" : "ios-install-hint"}
      className="relative rounded-2xl bg-white p-4 pr-12 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id={titleId} className="text-base font-semibold text-slate-900">
        {t(offer ? "card.title" : "ios.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {offer
          ? t("card.body")
          : t.rich("ios.body", {
              icon: () => <Share role="img" aria-label={t("ios.shareIcon")} className="inline size-4 align-text-bottom text-brand-700" />,
            })}
      </p>
      {offer ? (
        <Button size="sm" className="mt-3" onClick={install}>
          {t("card.install")}
        </Button>
      ) : null}
      <Button variant="ghost" size="icon" className="absolute top-1 right-1" onClick={dismiss} aria-label={t(offer ? "card.dismiss" : "ios.dismiss")}>
        <X aria-hidden />
      </Button>
    </section>
  );
}
