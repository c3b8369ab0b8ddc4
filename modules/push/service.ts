import "server-only";
// Web Push subscriptions and preferences (decision 023): a student's own, through the actions in
// ./actions.ts. A subscription's endpoint belongs to one user at a time: saving an endpoint that
// is already stored moves it (new keys, new owner) instead of adding a second row.
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordNotification } from "@/modules/notifications/service";
import { hitRateLimit } from "@/modules/ratelimit/service";
import { endpointAllowed } from "./endpoint";
import { effectivePreferences, type PushKind } from "./kinds";
import type { SaveSubscriptionInput } from "./schemas";

function extraHosts(): string[] {
  return env.PUSH_SERVICE_HOSTS.split(",");
}

export async function saveSubscription(userId: string, input: SaveSubscriptionInput, now = clockNow()): Promise<{ id: string; moved: boolean }> {
  if (!endpointAllowed(input.endpoint, extraHosts())) throw new AppError("VALIDATION");
  const data = { userId, p256dh: input.keys.p256dh, auth: input.keys.auth, locale: input.locale, userAgent: input.userAgent?.slice(0, 400) ?? null };
  return db().$transaction(async (tx) => {
    const existing = await tx.pushSubscription.findUnique({ where: { endpoint: input.endpoint }, select: { id: true, userId: true } });
    if (!existing) {
      const created = await tx.pushSubscription.create({ data: { ...data, endpoint: input.endpoint, createdAt: now }, select: { id: true } });
      return { id: created.id.toString(), moved: false };
    }
    const moved = existing.userId !== userId;
    // another user's endpoint on this device now (a shared phone): it is this user's from now on,
    // and counts as new (the earlier owner's alerts are not sent to it)
    await tx.pushSubscription.update({
      where: { id: existing.id },
      data: { ...data, ...(moved ? { createdAt: now, failureCount: 0, lastSuccessAt: null } : {}) },
    });
    if (moved) await tx.pushDelivery.updateMany({ where: { subscriptionId: existing.id, state: "PENDING" }, data: { state: "GONE", nextAttemptAt: null } });
    return { id: existing.id.toString(), moved };
  });
}

/** Turn off on this device: the student's own subscription only (another's endpoint: NOT_FOUND). */
export async function deleteSubscription(userId: string, endpoint: string): Promise<void> {
  const r = await db().pushSubscription.deleteMany({ where: { userId, endpoint } });
  if (r.count === 0) throw new AppError("NOT_FOUND", { what: "subscription" });
}

export async function countSubscriptions(userId: string): Promise<number> {
  return db().pushSubscription.count({ where: { userId } });
}

/** The student's own stored endpoints (the card tells from them whether this device's subscription is still kept). */
export async function listSubscriptionEndpoints(userId: string): Promise<string[]> {
  const rows = await db().pushSubscription.findMany({ where: { userId }, select: { endpoint: true } });
  return rows.map((r) => r.endpoint);
}

export async function getPreferences(userId: string): Promise<{ kind: PushKind; enabled: boolean }[]> {
  return effectivePreferences(await db().pushPreference.findMany({ where: { userId }, select: { kind: true, enabled: true } }));
}

export async function setPreference(userId: string, kind: PushKind, enabled: boolean, now = clockNow()): Promise<void> {
  await db().pushPreference.upsert({
    where: { userId_kind: { userId, kind } },
    create: { userId, kind, enabled, updatedAt: now },
    update: { enabled, updatedAt: now },
  });
}

/** Test alerts per student: this many per window. */
export const TEST_LIMIT = 3;
export const TEST_WINDOW_MS = 10 * 60_000;

/** "Send a test alert": a PUSH_TEST notification the job pushes to the student's devices (rate-limited). */
export async function sendTestNotification(userId: string, now = clockNow()): Promise<void> {
  if ((await countSubscriptions(userId)) === 0) throw new AppError("NOT_FOUND", { what: "subscription" });
  await hitRateLimit(`push-test:${userId}`, TEST_LIMIT, TEST_WINDOW_MS, now);
  await recordNotification(db(), { userId, kind: "PUSH_TEST", dedupeKey: `push-test:${now.getTime()}` }, now);
}
