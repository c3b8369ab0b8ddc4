import { ChevronRight } from "@/components/icons/lucide/chevron-right";
import { Ticket } from "@/components/icons/lucide/ticket";
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatBytes, formatDateTime } from "@/lib/format";

export interface GuestUsageDto {
  id: string;
  code: string;
  label: string | null;
  usedBytes: string;
  createdAt: string;
}

/** On the usage page: what visitors used on this month's guest passes (charged to the student). */
export function GuestUsageCard({ items, monthText }: { items: GuestUsageDto[]; monthText: string }) {
  const t = useTranslations("guest");
  const locale = useLocale();
  if (!items.length) return null;
  return (
    <Card aria-labelledby="guest-usage-title" data-testid="guest-usage">
      <CardHeader className="block">
        <CardTitle id="guest-usage-title" className="flex items-center gap-2">
          <Ticket aria-hidden className="size-5 text-brand-700" />
          {t("usage.title")}
        </CardTitle>
        <CardDescription>{t("usage.text", { month: monthText })}</CardDescription>
      </CardHeader>
      <ul className="divide-y divide-slate-100 px-5">
        {items.map((g) => (
          <li key={g.id} className="flex items-center justify-between gap-3 py-3 text-sm">
            <span className="min-w-0">
              <span className="block truncate text-slate-900">{t("usage.item", { label: g.label ?? t("noLabel"), code: g.code })}</span>
              <span className="block text-slate-500">{t("usage.when", { time: formatDateTime(g.createdAt, locale) })}</span>
            </span>
            <span className="shrink-0 font-medium text-slate-900 tabular-nums">{formatBytes(g.usedBytes, locale)}</span>
          </li>
        ))}
      </ul>
      <Link href="/network/guests" className="flex items-center justify-end gap-1 px-5 pb-4 text-sm font-medium text-brand-700 hover:underline">
        {t("usage.manage")}
        <ChevronRight aria-hidden className="size-4" />
      </Link>
    </Card>
  );
}
