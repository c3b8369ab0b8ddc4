import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth";
import { now } from "@/lib/clock";
import { LiveSessions } from "@/modules/network/components/live-sessions";
import { NetworkLinks } from "@/modules/network/components/network-links";
import { toAlertDto, toSessionDto, toSpeedDto, type AlertDto, type LiveNetworkDto } from "@/modules/network/components/network-view";
import { SpeedExplanationCard } from "@/modules/network/components/speed-explanation-card";
import { countRecentLoginProblems } from "@/modules/network/login-problems.service";
import { countLiveGuestPasses } from "@/modules/guest/service";
import { getNetworkCredentialStatus, getSpeedExplanation, listDevices, listLiveSessions } from "@/modules/network/service";
import { QuotaAlerts } from "@/modules/notifications/components/quota-alerts";
import { PauseCard } from "@/modules/pauses/components/pause-card";
import { toPauseCardDto } from "@/modules/pauses/components/pause-view";
import { getPauseOverview } from "@/modules/pauses/service";
import { listNotifications } from "@/modules/notifications/service";

export async function generateMetadata() {
  const t = await getTranslations("network");
  return { title: t("title") };
}

/** /network: quota alerts, "why am I slow?", sessions online now, links, 停机保号. */
export default async function NetworkPage() {
  const user = await requirePageUser({ callbackUrl: "/network" });
  const [t, speed, sessions, devices, credential, notifications, pause, loginProblems, guestPasses] = await Promise.all([
    getTranslations("network"),
    getSpeedExplanation(user.id),
    listLiveSessions(user.id),
    listDevices(user.id),
    getNetworkCredentialStatus(user.id),
    listNotifications(user.id, { take: 5 }),
    getPauseOverview(user.id),
    countRecentLoginProblems(user.id),
    countLiveGuestPasses(user.id),
  ]);
  const live: LiveNetworkDto = { speed: toSpeedDto(speed), sessions: sessions.map(toSessionDto), at: now().toISOString() };
  const alerts = notifications.map(toAlertDto).filter((a): a is AlertDto => a !== null);

  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} description={t("description")} className="mb-1" />
      <QuotaAlerts alerts={alerts} />
      <SpeedExplanationCard initial={live} />
      <LiveSessions initial={live} />
      <NetworkLinks
        deviceCount={devices.length}
        loginProblems={loginProblems}
        guestPasses={guestPasses}
        credential={{
          hasPassword: credential.hasPassword,
          updatedAt: credential.updatedAt?.toISOString() ?? null,
          lockedUntil: credential.lockedUntil?.toISOString() ?? null,
        }}
      />
      <PauseCard data={toPauseCardDto(pause)} />
    </div>
  );
}
