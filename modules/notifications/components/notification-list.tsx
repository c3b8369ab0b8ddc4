"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useSafeAction } from "@/lib/use-safe-action";
import { loadMoreNotificationsAction } from "@/modules/notifications/actions";
import { NotificationItem } from "./notification-item";
import type { NotificationView } from "./notification-view";

/**
 * The notification centre's list: the newest page rendered by the server, then "load more" adds
 * the next older page (cursor: the last id fetched) through a server action that reads only the
 * signed-in student's rows. Focus moves to the first added row and a status line says how many
 * came. After a refresh (a row marked read) the rows loaded so far are fetched again, so their
 * read state follows.
 */
export function NotificationList({ initial, initialCursor }: { initial: NotificationView[]; initialCursor: string | null }) {
  const t = useTranslations("notifications.centre");
  const tv = useTranslations("network.validation");
  const [more, setMore] = useState<NotificationView[]>([]);
  const [cursor, setCursor] = useState<string | null>(initialCursor);
  const [announce, setAnnounce] = useState("");
  /** the first row a "load more" added: focus goes there */
  const [focusId, setFocusId] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const load = useSafeAction(loadMoreNotificationsAction, {
    messages: { invalid: tv("generic"), network: tv("network") },
    onSuccess: (data) => {
      setFocusId(data.items[0]?.id ?? null);
      setMore((m) => [...m, ...data.items]);
      setCursor(data.nextCursor);
      setAnnounce(t("loadedMore", { count: data.items.length }));
    },
  });
  const reload = useSafeAction(loadMoreNotificationsAction, {
    messages: { invalid: tv("generic"), network: tv("network") },
    onSuccess: (data) => {
      setMore(data.items);
      setCursor(data.nextCursor);
    },
  });

  useEffect(() => {
    if (focusId) listRef.current?.querySelector<HTMLElement>(`[data-id="${focusId}"]`)?.focus();
  }, [focusId]);

  // The server's first page changed (router.refresh after "mark as read"): fetch the loaded rows again.
  const shownInitial = useRef(initial);
  const loaded = more.length;
  const reloadLoaded = reload.execute;
  useEffect(() => {
    if (shownInitial.current === initial) return;
    shownInitial.current = initial;
    if (loaded > 0 && initialCursor) reloadLoaded({ before: initialCursor, take: Math.min(loaded, 200) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the server's first page changes
  }, [initial, initialCursor]);

  const items = [...initial, ...more];
  return (
    <>
      <ul ref={listRef} aria-label={t("listLabel")} className="mt-2 divide-y divide-slate-100" data-testid="notification-list">
        {items.map((n) => (
          <NotificationItem key={n.id} n={n} />
        ))}
      </ul>
      <div className="px-5 pt-2 pb-4">
        {cursor ? (
          <Button
            variant="secondary"
            fullWidth
            pending={load.pending}
            pendingLabel={t("loadingMore")}
            onClick={() => {
              if (!load.pending && cursor) load.execute({ before: cursor });
            }}
            data-testid="notifications-load-more"
          >
            {t("loadMore")}
          </Button>
        ) : null}
        {load.errorMessage ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {load.errorMessage}
          </p>
        ) : null}
        <p role="status" className="sr-only" data-testid="notifications-loaded">
          {announce}
        </p>
      </div>
    </>
  );
}
