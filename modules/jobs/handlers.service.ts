import "server-only";
// What each scheduled job does (the table is modules/jobs/schedule.ts). Called by POST
// /api/jobs/<name>, which the job worker of the same instance calls (decision 013). A thrown
// error fails the run; pg-boss retries it with backoff.
import { now as clockNow } from "@/lib/clock";
import { dayKey } from "@/lib/time";
import { refreshAdminKpis } from "@/modules/admin/service";
import { reconcileDay } from "@/modules/finance/reconcile.service";
import { healPendingOrders } from "@/modules/healing/service";
import { availableChannels } from "@/modules/payments/gateways";
import { runPauseTransitions } from "@/modules/pauses/service";
import { runMonthStart, runPlanWarnings } from "@/modules/plans/service";
import { runPushDelivery } from "@/modules/push/delivery.service";
import { recordPackagesExpiring } from "@/modules/packages/expiring.service";
import { sweepSpeedTransitions } from "@/modules/radius/speed-sweep.service";
import { maintainUsageHistory } from "@/modules/usage/partitions.service";
import type { JobName } from "./schedule";

async function reconcileYesterday() {
  const day = dayKey(new Date(clockNow().getTime() - 86_400_000));
  const runs = [];
  for (const channel of availableChannels()) {
    const r = await reconcileDay({ channel, day, actorId: null });
    runs.push({ channel, runId: r.runId, matched: r.summary.matched, repaired: r.summary.repaired, amountMismatch: r.summary.amountMismatch });
  }
  return { day, runs };
}

export const JOB_HANDLERS: Record<JobName, () => Promise<unknown>> = {
  "payments-heal": () => healPendingOrders(),
  "speed-sweep": async () => {
    const r = await sweepSpeedTransitions();
    return { since: r.since, monthChanged: r.monthChanged, users: r.users, changes: r.changes.length };
  },
  "reconcile-yesterday": reconcileYesterday,
  "usage-history": () => maintainUsageHistory(),
  "pause-transitions": () => runPauseTransitions(),
  "package-plans": () => runMonthStart(),
  "package-plan-warnings": () => runPlanWarnings(),
  "push-delivery": () => runPushDelivery(),
  "package-expiring": () => recordPackagesExpiring(),
  "admin-kpis": async () => {
    const k = await refreshAdminKpis();
    return { asOf: k.asOf, tookMs: k.tookMs, students: k.students };
  },
};
