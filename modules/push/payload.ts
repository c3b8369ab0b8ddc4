// What a push carries: the notification centre's own title and text (messages/<locale>/
// notifications.json, centre.kinds), written in the subscription's language, with where a tap
// goes and a tag (a later alert of the same tag replaces the earlier one on the phone). Pure.
import { createTranslator } from "use-intl/core";
import { isLocale, timeZone, type AppLocale } from "@/i18n/config";
import en from "@/messages/en/notifications.json";
import zh from "@/messages/zh-CN/notifications.json";
import { LINK_HREF, toNotificationView } from "@/modules/notifications/components/notification-view";

export interface PushPayload {
  title: string;
  body: string;
  /** same-origin path the notification opens */
  url: string;
  tag: string;
  /** the notification's id, for the worker and tests */
  id: string;
  kind: string;
}

/** Push services accept about 4 KB of encrypted payload; the body is cut well below that. */
export const MAX_BODY_CHARS = 300;
const MAX_TITLE_CHARS = 120;

const MESSAGES = { "zh-CN": { notifications: zh }, en: { notifications: en } } as const;

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** A stored locale that is not one of ours (or garbage) is written in the default language. */
export function pushLocale(value: string | null | undefined): AppLocale {
  return isLocale(value) ? value : "zh-CN";
}

export function buildPushPayload(
  n: { id: string; kind: string; data: unknown; createdAt: Date },
  locale: string,
  opts: { maxBodyChars?: number } = {},
): PushPayload {
  const loc = pushLocale(locale);
  const view = toNotificationView({ ...n, readAt: null }, loc);
  const t = createTranslator({ locale: loc, messages: MESSAGES[loc], namespace: "notifications.centre", timeZone });
  const title = t(`kinds.${view.key}.title` as "kinds.OTHER.title", view.values);
  const body = t(`kinds.${view.key}.text` as "kinds.OTHER.text", view.values);
  const data = typeof n.data === "object" && n.data !== null ? (n.data as Record<string, unknown>) : {};
  const quotaMonth = typeof data.month === "string" ? data.month : null;
  return {
    title: cut(title, MAX_TITLE_CHARS),
    body: cut(body, opts.maxBodyChars ?? MAX_BODY_CHARS),
    url: view.link ? LINK_HREF[view.link] : "/notifications",
    // 80 % and 100 % of one month replace each other on the phone; everything else stands alone
    tag: (n.kind === "QUOTA_80" || n.kind === "QUOTA_100") && quotaMonth ? `quota:${quotaMonth}` : `n:${n.id}`,
    id: n.id,
    kind: n.kind,
  };
}
