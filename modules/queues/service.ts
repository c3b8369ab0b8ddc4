import "server-only";
// The network office's queues (issue 12 item 4): what waits for a staff member to act, each with
// its count, shown to the roles who can act on it (lib/roles.ts). The counts come from the
// owning modules' services; this module only decides which queues a role sees.
import { now as clockNow } from "@/lib/clock";
import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Ability } from "@/lib/roles";
import { countPendingAppeals } from "@/modules/appeals/service";
import { countFlaggedOrders } from "@/modules/finance/service";
import { countLockouts } from "@/modules/network/lockouts.service";
import { countFailedRenewals } from "@/modules/plans/service";
import { countUnknownRadiusUsers } from "@/modules/radius/unknown-users.service";

export const QUEUE_KEYS = ["appeals", "flagged", "renewals", "unknownRadius", "lockouts"] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];

/** Each queue: the ability that acts on it (and so may see it), and its page. */
export const QUEUES: Record<QueueKey, { ability: Ability; href: string }> = {
  /** 误操作申诉 to approve or refuse */
  appeals: { ability: "appeals.decide", href: "/admin/queues/appeals" },
  /** orders finance resolves: the finance console's own queue */
  flagged: { ability: "finance.manage", href: "/admin/finance/flagged" },
  /** next-month / auto-renew bookings that failed this month: the helpdesk calls the student */
  renewals: { ability: "users.act", href: "/admin/queues/renewals" },
  /** accounting for user names nobody holds: fixed on the NAS (settings) */
  unknownRadius: { ability: "settings.manage", href: "/admin/queues/unknown-radius" },
  /** network logins locked after wrong passwords: the helpdesk lifts them */
  lockouts: { ability: "users.act", href: "/admin/queues/lockouts" },
};

const COUNT: Record<QueueKey, (now: Date) => Promise<number>> = {
  appeals: () => countPendingAppeals(),
  flagged: () => countFlaggedOrders(),
  renewals: (now) => countFailedRenewals(now),
  unknownRadius: (now) => countUnknownRadiusUsers(now),
  lockouts: (now) => countLockouts(now),
};

/** The queues `role` may act on. */
export function queuesFor(role: Role): QueueKey[] {
  return QUEUE_KEYS.filter((k) => can(role, QUEUES[k].ability));
}

export interface QueueCount {
  key: QueueKey;
  href: string;
  count: number;
}

/** The counts of the queues `role` may act on (numbers only: no personal data, not audited). */
export async function queueCounts(role: Role, now: Date = clockNow()): Promise<QueueCount[]> {
  const keys = queuesFor(role);
  const counts = await Promise.all(keys.map((k) => COUNT[k](now)));
  return keys.map((key, i) => ({ key, href: QUEUES[key].href, count: counts[i]! }));
}
