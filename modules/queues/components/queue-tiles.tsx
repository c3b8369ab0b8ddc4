import { ArrowRight } from "@/components/icons/lucide/arrow-right";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, CardContent } from "@/components/ui/card";
import type { QueueCount } from "../service";

/** One tile per queue the staff member can act on: its name, its count, a link to the queue. */
export async function QueueTiles({ queues, hints = false }: { queues: QueueCount[]; hints?: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("queues"), getLocale()]);
  const nf = new Intl.NumberFormat(locale);
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {queues.map((q) => (
        <li key={q.key}>
          <Card className="h-full">
            <CardContent className="flex h-full flex-col gap-2 pt-5">
              <Link
                href={q.href}
                className="group flex items-start justify-between gap-3 rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                data-testid={`queue-${q.key}`}
              >
                <span>
                  <span className="block text-sm text-slate-600">{t(`names.${q.key}`)}</span>
                  <span
                    className={`block text-2xl font-semibold tabular-nums ${q.count > 0 ? "text-slate-900" : "text-slate-500"}`}
                    data-testid={`queue-${q.key}-count`}
                  >
                    {nf.format(q.count)}
                  </span>
                </span>
                <ArrowRight aria-hidden className="mt-1 size-4 text-slate-500 group-hover:text-brand-700" />
              </Link>
              {hints ? <p className="text-sm text-slate-600">{t(`hints.${q.key}`)}</p> : null}
            </CardContent>
          </Card>
        </li>
      ))}
    </ul>
  );
}
