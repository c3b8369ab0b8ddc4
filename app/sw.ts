/// <reference lib="webworker" />
// The service worker, bundled by @serwist/turbopack (app/serwist/[path]/route.ts) and served
// at /serwist/sw.js with scope "/". Registered by components/sw-register.tsx in production.
import { defaultCache } from "@serwist/turbopack/worker";
import { NetworkOnly, type PrecacheEntry, type RuntimeCaching, Serwist, type SerwistGlobalConfig } from "serwist";
import { RESUBSCRIBED_CACHE, RESUBSCRIBED_KEY } from "@/modules/push/components/resubscribed";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    // Replaced at build time with the precache manifest (build assets + /~offline).
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const OFFLINE_URL = "/~offline";

const runtimeCaching: RuntimeCaching[] = [
  // Money, auth, RADIUS and payment endpoints are never answered from a cache.
  {
    matcher: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith("/api/"),
    method: "GET",
    handler: new NetworkOnly(),
  },
  // Staff pages hold other people's data: never stored on the device.
  {
    matcher: ({ sameOrigin, url }) => sameOrigin && (url.pathname === "/admin" || url.pathname.startsWith("/admin/")),
    handler: new NetworkOnly(),
  },
  // Everything else as Serwist recommends for Next.js: network-first for pages and RSC
  // payloads (so a student offline still sees the last balance they loaded), cache-first
  // for hashed build assets.
  ...defaultCache,
];

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching,
  fallbacks: {
    entries: [
      {
        url: OFFLINE_URL,
        matcher: ({ request }) => request.destination === "document",
      },
    ],
  },
});

serwist.addEventListeners();

// Web Push (decision 023). A push carries modules/push/payload.ts's PushPayload as JSON.

/** Shown when a push cannot be read: one plain word, the app's name, rather than nothing or an error. */
const FALLBACK_TITLE = "campusnet";
/** The app icon. No badge: Android draws a badge as a mask of its alpha, and our icons are
 * opaque squares (a white square in the status bar); the browser's own badge is better. */
const ICON = "/icons/icon-192.png";
/** Android draws the status-bar badge from its alpha only: the glyph in white on transparency (scripts/generate-icons.mjs). */
const BADGE = "/icons/badge-96.png";

interface ShownPush {
  title: string;
  body?: string;
  tag?: string;
  url: string;
  id?: string;
}

const text = (v: unknown, max: number): string | undefined => (typeof v === "string" && v.trim() ? v.slice(0, max) : undefined);

/** A same-origin path to open, or the notification centre (an absolute or protocol-relative URL is never followed). */
function sameOriginPath(v: unknown): string {
  if (typeof v !== "string" || !v.startsWith("/") || v.startsWith("//")) return "/notifications";
  try {
    const url = new URL(v, self.location.origin);
    return url.origin === self.location.origin ? `${url.pathname}${url.search}${url.hash}` : "/notifications";
  } catch {
    return "/notifications";
  }
}

function readPush(data: PushMessageData | null): ShownPush {
  let raw: unknown = null;
  try {
    raw = data?.json();
  } catch {
    raw = null;
  }
  const p = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  return { title: text(p.title, 200) ?? FALLBACK_TITLE, body: text(p.body, 1000), tag: text(p.tag, 100), url: sameOriginPath(p.url), id: text(p.id, 40) };
}

self.addEventListener("push", (event) => {
  const push = readPush(event.data);
  event.waitUntil(
    self.registration.showNotification(push.title, {
      body: push.body,
      tag: push.tag,
      icon: ICON,
      badge: BADGE,
      data: { url: push.url, id: push.id },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data as { url?: unknown } | null;
  const target = new URL(sameOriginPath(data?.url), self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        const focused = await open.focus().catch(() => open);
        // navigate() works for a window this worker controls; otherwise open a new one
        const moved = await focused.navigate(target).catch(() => null);
        if (moved) return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});

// The push service replaced or expired the subscription: make a new one with the same key (best
// effort). A worker cannot call a server action, so the new one is left for the notification
// centre's card to store on the next visit (modules/push/components/push-card.tsx).
self.addEventListener("pushsubscriptionchange", (event) => {
  const change = event as Event & {
    oldSubscription?: PushSubscription | null;
    newSubscription?: PushSubscription | null;
    waitUntil(p: Promise<unknown>): void;
  };
  change.waitUntil(
    (async () => {
      const key = change.oldSubscription?.options.applicationServerKey;
      const renewed =
        change.newSubscription ??
        (key ? await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }).catch(() => null) : null);
      if (!renewed) return;
      const cache = await caches.open(RESUBSCRIBED_CACHE);
      await cache.put(RESUBSCRIBED_KEY, new Response(JSON.stringify({ endpoint: renewed.endpoint }), { headers: { "content-type": "application/json" } }));
    })().catch(() => undefined),
  );
});
