/// <reference lib="webworker" />
// The service worker, bundled by @serwist/turbopack (app/serwist/[path]/route.ts) and served
// at /serwist/sw.js with scope "/". Registered by components/sw-register.tsx in production.
import { defaultCache } from "@serwist/turbopack/worker";
import { NetworkOnly, type PrecacheEntry, type RuntimeCaching, Serwist, type SerwistGlobalConfig } from "serwist";

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
