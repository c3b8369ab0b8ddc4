import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** Shown while a recharge page loads: a title and a few plain cards (not the home hero). */
export default async function RechargeLoading() {
  const t = await getTranslations("common.status");
  return (
    <div role="status" aria-live="polite" className="space-y-5">
      <span className="sr-only">{t("loading")}</span>
      <div className="space-y-2">
        <Skeleton className="h-8 w-36" />
        <Skeleton className="h-4 w-64" />
      </div>
      <Card className="space-y-3 p-5">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-32" />
      </Card>
      <Card className="space-y-4 p-5">
        <Skeleton className="h-5 w-28" />
        <div className="grid grid-cols-3 gap-2.5">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <Skeleton key={i} className="h-16 rounded-xl" />
          ))}
        </div>
      </Card>
    </div>
  );
}
