import { ChevronLeft } from "@/components/icons/lucide/chevron-left";
import { ChevronRight } from "@/components/icons/lucide/chevron-right";
import Link from "@/components/ui/link";
import { cn } from "./cn";

const item = "inline-flex h-11 items-center gap-1 rounded-xl px-3.5 text-[0.9375rem] font-medium";
const enabled = cn(
  item,
  "bg-white text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700",
);
const disabled = cn(item, "text-slate-300");

export type PagerProps = {
  page: number;
  pages: number;
  /** `href(n)`: the address of page n (only asked for pages that exist) */
  href: (page: number) => string;
  /** the texts, already translated: the nav's name, the two links and "page n of m" */
  labels: { label: string; previous: string; next: string; status: string };
};

/** `?page=` → a page number ≥ 1; anything odd ("0", "-2", "abc", "2.5", repeated) → 1. */
export function parsePage(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !/^\d{1,6}$/.test(raw.trim())) return 1;
  const n = Number(raw.trim());
  return n >= 1 ? n : 1;
}

/** Number of pages for `total` rows; at least 1 so "page 1 of 1" reads right when empty. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** "/exchanges" for page 1, "/exchanges?page=n" otherwise. */
export function pageHref(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}?page=${page}`;
}

/** Previous / next links with the page status between them; nothing when there is one page. */
export function Pager({ page, pages, href, labels }: PagerProps) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={labels.label} className="mt-4 flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className={enabled}>
          <ChevronLeft aria-hidden className="size-4" />
          {labels.previous}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          <ChevronLeft aria-hidden className="size-4" />
          {labels.previous}
        </span>
      )}
      <p className="text-sm text-slate-500 tabular-nums">{labels.status}</p>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className={enabled}>
          {labels.next}
          <ChevronRight aria-hidden className="size-4" />
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          {labels.next}
          <ChevronRight aria-hidden className="size-4" />
        </span>
      )}
    </nav>
  );
}
