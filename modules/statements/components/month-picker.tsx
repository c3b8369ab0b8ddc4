import Link from "@/components/ui/link";
import { formatMonth } from "@/lib/format";
import { cn } from "@/components/ui/cn";

/** The months as links (no client JS): the current one marked, newest first, scrolling sideways on a phone. */
export function MonthPicker({ months, current, label, locale }: { months: string[]; current: string | null; label: string; locale: string }) {
  return (
    <nav aria-label={label} className="-mx-1 mb-4 overflow-x-auto pb-1 print:hidden" data-testid="statement-months">
      <ul className="flex gap-2 px-1">
        {months.map((m) => (
          <li key={m} className="shrink-0">
            <Link
              href={`/statement/${m}`}
              aria-current={m === current ? "page" : undefined}
              className={cn(
                "inline-flex h-9 items-center rounded-full px-3.5 text-sm font-medium whitespace-nowrap ring-1 ring-inset",
                m === current ? "bg-brand-700 text-white ring-brand-700" : "bg-white text-slate-700 ring-slate-900/10 hover:bg-brand-50",
              )}
            >
              {formatMonth(m, locale)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
