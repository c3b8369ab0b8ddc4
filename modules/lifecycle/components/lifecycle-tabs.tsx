import Link from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";

const TABS = [
  { key: "intake", href: "/admin/lifecycle/intake" },
  { key: "graduation", href: "/admin/lifecycle/graduation" },
] as const;

/** The two jobs of 迁入迁出, one link each; the current one is marked for screen readers too. */
export async function LifecycleTabs({ current }: { current: "intake" | "graduation" | null }) {
  const t = await getTranslations("lifecycle");
  return (
    <nav aria-label={t("tabsLabel")}>
      <ul className="flex flex-wrap gap-2">
        {TABS.map((tab) => (
          <li key={tab.key}>
            <Link
              href={tab.href}
              aria-current={current === tab.key ? "page" : undefined}
              className={cn(
                "inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-medium",
                current === tab.key ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-900 hover:bg-slate-200",
              )}
            >
              {t(`tabs.${tab.key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
