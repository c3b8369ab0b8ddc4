import { Ticket } from "@/components/icons/lucide/ticket";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { now as clockNow } from "@/lib/clock";
import { MiB } from "@/lib/units";
import { GuestPassForm } from "@/modules/guest/components/guest-pass-form";
import { LiveGuestPasses, PastGuestPasses } from "@/modules/guest/components/guest-pass-list";
import { toGuestPassDto } from "@/modules/guest/components/guest-view";
import { getGuestLimits, listGuestPasses } from "@/modules/guest/service";

export async function generateMetadata() {
  const t = await getTranslations("guest");
  return { title: t("title") };
}

/** /network/guests: 访客码 — issue a pass (shown once with its PIN and QR), the live ones with revoke, the ended ones. */
export default async function GuestPassesPage() {
  const user = await requirePageUser({ callbackUrl: "/network/guests" });
  const now = clockNow();
  const [t, limits, passes] = await Promise.all([getTranslations("guest"), getGuestLimits(), listGuestPasses(user.id, now)]);

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} backHref="/network" backLabel={t("back")} className="mb-1" />
      <GuestPassForm
        maxHours={limits.maxHours}
        maxMiB={Number(limits.maxBytes / MiB)}
        maxLive={limits.maxLive}
        liveCount={passes.live.length}
        canIssue={user.status === "ACTIVE"}
      />
      <LiveGuestPasses passes={passes.live.map(toGuestPassDto)} now={now.toISOString()} />
      <PastGuestPasses passes={passes.past.map(toGuestPassDto)} />
      {passes.live.length === 0 && passes.past.length === 0 ? (
        <Card>
          <EmptyState icon={<Ticket />} title={t("empty.title")} description={t("empty.text")} />
        </Card>
      ) : null}
    </div>
  );
}
