"use client";

import { useEffect } from "react";

export const SW_URL = "/serwist/sw.js";

/** Registers the service worker (built by app/serwist/[path]/route.ts) in production only. */
export function SwRegister() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production") return;
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(SW_URL, { scope: "/" }).catch((error: unknown) => {
      console.warn("Service worker registration failed", error);
    });
  }, []);
  return null;
}
