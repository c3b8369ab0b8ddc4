"use client";

import Link from "@/components/ui/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { isActivePath } from "@/components/shell/nav-links";
import { cn } from "@/components/ui/cn";

const tabs = [
  { href: "/admin/finance", key: "daily", exact: true },
  { href: "/admin/finance/orders", key: "orders", exact: false },
  { href: "/admin/finance/flagged", key: "flagged", exact: false },
  { href: "/admin/finance/reconciliation", key: "reconciliation", exact: false },
] as const;

/** 日报 / 订单查询 / 待处理 / 对账 */
export function FinanceTabs({ flaggedCount }: { flaggedCount: number }) {
  const t = useTranslations("finance.tabs");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="-mx-1 mb-5 overflow-x-auto print:hidden">
      <ul className="flex gap-1 border-b border-slate-200 px-1">
        {tabs.map((tab) => {
          const active = isActivePath(pathname, tab);
          return (
            <li key={tab.href} className="shrink-0">
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "-mb-px flex h-11 items-center gap-2 border-b-2 px-3 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-700",
                  active ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t(tab.key)}
                {tab.key === "flagged" && flaggedCount > 0 ? (
                  <span className="rounded-full bg-red-600 px-1.5 py-px text-xs font-semibold text-white tabular-nums" data-testid="finance-flagged-count">
                    {flaggedCount}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
