// The notification centre's rows: every kind the app records (modules/*/service.ts) → which
// message (messages/<locale>/notifications.json, centre.kinds.<key>), its values and where to
// act. Pure and tolerant: a missing or odd `data` field shows as "—", an unknown kind as a
// generic line; nothing here throws.
import { formatBytes, formatDate, formatDateTime, formatMonth } from "@/lib/format";
import { formatFen } from "@/lib/money";

/** Every kind written anywhere in the code base (the unit test checks the sources against it). */
export const NOTIFICATION_KINDS = [
  "QUOTA_80",
  "QUOTA_100",
  "PLAN_BOOKED",
  "PLAN_WARNING",
  "PLAN_FAILED",
  "APPEAL_APPROVED",
  "APPEAL_REFUSED",
  "DEVICE_LIMIT",
  "HIGH_SPEED_RESTORED",
  "RECHARGE_CREDITED",
  "PACKAGE_EXPIRING",
  "OFFICE_NOTICE",
  "PUSH_TEST",
] as const;
export type NotificationKindName = (typeof NOTIFICATION_KINDS)[number];

/** The message under centre.kinds: a kind, a kind's variant, or OTHER for a kind this build does not know. */
export type NotificationTextKey =
  | NotificationKindName
  | "PLAN_FAILED_SHORT"
  // the plan's package changed in the catalogue (modules/plans, decision 031)
  | "PLAN_BOOKED_CHANGED"
  | "PLAN_FAILED_CHANGED"
  | "PLAN_FAILED_OFF_SALE"
  | "OTHER";

/** How many notifications /notifications shows at first and adds per "load more". */
export const NOTIFICATIONS_PAGE_SIZE = 50;

export type NotificationLink = "recharge" | "packages" | "exchanges" | "loginProblems" | "network" | "home";

export const LINK_HREF: Record<NotificationLink, string> = {
  recharge: "/recharge",
  packages: "/packages",
  exchanges: "/exchanges",
  loginProblems: "/network/login-problems",
  network: "/network",
  home: "/",
};

export interface NotificationView {
  id: string;
  key: NotificationTextKey;
  /** values for the title and text messages (all strings, already formatted for the locale) */
  values: Record<string, string>;
  link: NotificationLink | null;
  createdIso: string;
  createdText: string;
  read: boolean;
}

const DASH = "—";

function field(data: Record<string, unknown>, name: string): string | null {
  const v = data[name];
  return typeof v === "string" || typeof v === "number" || typeof v === "bigint" ? String(v) : null;
}

const intText = (v: string | null) => (v !== null && /^-?\d{1,30}$/.test(v) ? v : null);

function money(data: Record<string, unknown>, name: string, locale: string): string {
  const v = intText(field(data, name));
  return v === null ? DASH : formatFen(BigInt(v), locale);
}

function bytes(data: Record<string, unknown>, name: string, locale: string): string {
  const v = intText(field(data, name));
  return v === null || v.startsWith("-") ? DASH : formatBytes(BigInt(v), locale);
}

function month(data: Record<string, unknown>, locale: string): string {
  const v = field(data, "month");
  return v !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? formatMonth(v, locale) : DASH;
}

function packageName(data: Record<string, unknown>, locale: string): string {
  const zh = field(data, "nameZh");
  const en = field(data, "nameEn");
  return (locale.startsWith("zh") ? (zh ?? en) : (en ?? zh)) ?? field(data, "package") ?? DASH;
}

/** oldNameZh / newNameEn …: a second package named in the same notification. */
function prefixedName(data: Record<string, unknown>, prefix: string, locale: string): string {
  const zh = field(data, `${prefix}NameZh`);
  const en = field(data, `${prefix}NameEn`);
  return (locale.startsWith("zh") ? (zh ?? en) : (en ?? zh)) ?? DASH;
}

function describe(kind: string, data: Record<string, unknown>, locale: string): Pick<NotificationView, "key" | "values" | "link"> {
  switch (kind) {
    case "QUOTA_80":
      return {
        key: kind,
        values: { month: month(data, locale), used: bytes(data, "usedBytes", locale), total: bytes(data, "grantedBytes", locale) },
        link: "network",
      };
    case "QUOTA_100":
      return { key: kind, values: { month: month(data, locale) }, link: "packages" };
    case "PLAN_BOOKED": {
      const values = { month: month(data, locale), package: packageName(data, locale), price: money(data, "priceFen", locale) };
      if (data.changed === true)
        return {
          key: "PLAN_BOOKED_CHANGED",
          values: { ...values, old: prefixedName(data, "old", locale), oldPrice: money(data, "oldPriceFen", locale) },
          link: "exchanges",
        };
      return { key: kind, values, link: "exchanges" };
    }
    case "PLAN_WARNING":
      return {
        key: kind,
        values: { month: month(data, locale), package: packageName(data, locale), shortfall: money(data, "shortfallFen", locale) },
        link: "recharge",
      };
    case "PLAN_FAILED": {
      if (field(data, "reason") === "package_changed") {
        // the plan's version (nameZh/nameEn, priceFen) and what is on sale now (newName*, newPriceFen)
        const values = {
          month: month(data, locale),
          old: packageName(data, locale),
          oldPrice: money(data, "priceFen", locale),
          package: prefixedName(data, "new", locale),
          price: money(data, "newPriceFen", locale),
        };
        return { key: data.offSale === true ? "PLAN_FAILED_OFF_SALE" : "PLAN_FAILED_CHANGED", values, link: "packages" };
      }
      const values = { month: month(data, locale), package: packageName(data, locale), shortfall: money(data, "shortfallFen", locale) };
      return { key: field(data, "reason") === "BALANCE_SHORT" ? "PLAN_FAILED_SHORT" : kind, values, link: "recharge" };
    }
    case "APPEAL_APPROVED":
      return { key: kind, values: { refunded: money(data, "refundedFen", locale), reason: field(data, "reason") ?? DASH }, link: "exchanges" };
    case "APPEAL_REFUSED":
      return { key: kind, values: { reason: field(data, "reason") ?? DASH }, link: "exchanges" };
    case "DEVICE_LIMIT":
      return { key: kind, values: { device: field(data, "deviceName") ?? field(data, "mac") ?? DASH }, link: "loginProblems" };
    case "HIGH_SPEED_RESTORED":
      return {
        key: kind,
        values: { cause: field(data, "cause") === "month" ? "month" : "package", month: month(data, locale), package: packageName(data, locale) },
        link: "network",
      };
    case "RECHARGE_CREDITED":
      return { key: kind, values: { amount: money(data, "amountFen", locale), orderNo: field(data, "orderNo") ?? DASH }, link: "home" };
    case "PACKAGE_EXPIRING": {
      const at = field(data, "expiresAt");
      const date = at !== null && !Number.isNaN(Date.parse(at)) ? formatDate(new Date(at), locale) : DASH;
      return { key: kind, values: { package: packageName(data, locale), date, remaining: bytes(data, "remainingBytes", locale) }, link: "packages" };
    }
    case "OFFICE_NOTICE": {
      // the office's own words (modules/notices): zh-CN always, English when the office wrote it
      const en = !locale.startsWith("zh") && field(data, "titleEn") !== null && field(data, "bodyEn") !== null;
      return {
        key: kind,
        values: { title: field(data, en ? "titleEn" : "title") ?? DASH, body: field(data, en ? "bodyEn" : "body") ?? DASH },
        link: null,
      };
    }
    case "PUSH_TEST":
      return { key: kind, values: {}, link: null };
    default:
      return { key: "OTHER", values: {}, link: null };
  }
}

/** One stored notification → what the centre shows. */
export function toNotificationView(n: { id: string; kind: string; data: unknown; createdAt: Date; readAt: Date | null }, locale: string): NotificationView {
  const data = typeof n.data === "object" && n.data !== null && !Array.isArray(n.data) ? (n.data as Record<string, unknown>) : {};
  return {
    id: n.id,
    ...describe(n.kind, data, locale),
    createdIso: n.createdAt.toISOString(),
    createdText: formatDateTime(n.createdAt, locale),
    read: n.readAt !== null,
  };
}

/** The bell's badge: the number, or "99+". */
export function badgeText(count: number): string {
  return count > 99 ? "99+" : String(count);
}
