"use client";

import { useEffect } from "react";
import { LAST_SUMMARY_KEY, type LastSummary, parseLastSummary, serializeLastSummary } from "./last-summary";

/**
 * Rendered by the home page with the numbers it just read: keeps them on the device for the
 * offline banner (components/offline/offline-status.tsx). A home page replayed from the
 * service worker's cache never overwrites newer numbers.
 */
export function RememberSummary({ summary }: { summary: LastSummary }) {
  const text = serializeLastSummary(summary);
  useEffect(() => {
    if (!navigator.onLine) return;
    try {
      const stored = parseLastSummary(localStorage.getItem(LAST_SUMMARY_KEY), summary.studentNo);
      if (stored && Date.parse(stored.fetchedAt) > Date.parse(summary.fetchedAt)) return;
      localStorage.setItem(LAST_SUMMARY_KEY, text);
    } catch {
      // Storage full or disabled (private mode): offline then shows the banner without numbers.
    }
  }, [text, summary.studentNo, summary.fetchedAt]);
  return null;
}
