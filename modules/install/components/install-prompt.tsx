"use client";
// The home page's install help: the browser's own offer (beforeinstallprompt: Android, desktop
// Chrome/Edge) as a small dismissible card, or on iOS Safari, which has no such event, one hint
// that points at the Share button. Either, once dismissed, stays away (localStorage).
import { type ReactNode, useEffect, useId, useState, useSyncExternalStore } from "react";
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

/** The card's text, translated by the home page (a Server Component): no next-intl here. */
export type InstallText = {
  cardTitle: string;
  cardBody: string;
  install: string;
  cardDismiss: string;
  iosTitle: string;
  /** with the Share icon inline (rendered on the server) */
  iosBody: ReactNode;
  iosDismiss: string;
  /** the close button's ✕, drawn on the server: no icon library in this island */
  closeIcon: ReactNode;
};

export function InstallPrompt({ text }: { text: InstallText }) {
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
        {offer ? text.cardTitle : text.iosTitle}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{offer ? text.cardBody : text.iosBody}</p>
      {offer ? (
        <Button size="sm" className="mt-3" onClick={install}>
          {text.install}
        </Button>
      ) : null}
      <Button variant="ghost" size="icon" className="absolute top-1 right-1" onClick={dismiss} aria-label={offer ? text.cardDismiss : text.iosDismiss}>
        {text.closeIcon}
      </Button>
    </section>
  );
}
