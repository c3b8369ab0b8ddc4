import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** Shown while a student page loads: the shape of a hero card and a chart card. */
export default async function StudentLoading() {
  const t = await getTranslations("common.status");
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{t("loading")}</span>
      <Card className="overflow-hidden">
        <div className="space-y-3 bg-brand-700/90 px-5 pt-5 pb-5">
          <div className="flex items-center justify-between">
            <Skeleton className="h-4 w-20 bg-white/25" />
            <Skeleton className="h-6 w-16 rounded-full bg-white/25" />
          </div>
          <Skeleton className="h-10 w-40 bg-white/30" />
          <Skeleton className="h-3 w-48 bg-white/20" />
          <Skeleton className="h-9 w-full rounded-xl bg-white/15" />
          <div className="grid grid-cols-2 gap-2">
            <Skeleton className="h-11 rounded-xl bg-white/30" />
            <Skeleton className="h-11 rounded-xl bg-white/15" />
          </div>
        </div>
        <div className="space-y-5 p-5">
          <Skeleton className="h-5 w-32" />
          {[0, 1].map((i) => (
            <div key={i} className="space-y-2">
              <div className="flex justify-between">
                <Skeleton className="h-4 w-20" />
                <Skeleton className="h-4 w-28" />
              </div>
              <Skeleton className="h-2.5 w-full rounded-full" />
            </div>
          ))}
        </div>
      </Card>
      <Card className="space-y-4 p-5">
        <Skeleton className="h-5 w-24" />
        <Skeleton className="h-8 w-32" />
        <div className="flex h-52 items-end gap-1.5 pt-4">
          {[40, 65, 30, 80, 55, 70, 45, 90, 60, 35, 75, 50].map((h, i) => (
            <Skeleton key={i} className="flex-1 rounded-sm" style={{ height: `${h}%` }} />
          ))}
        </div>
      </Card>
    </div>
  );
}
