import "server-only";
// The push-delivery job (modules/jobs/schedule.ts, decision 023). Recording a notification stays
// one insert wherever it happens (the RADIUS and payment paths never wait for a push service);
// this job then
//   1. queues: every notification not yet looked at (notifications."pushQueuedAt" IS NULL) gets a
//      PENDING delivery per subscription of its student whose preference for the kind is on
//      (a notification older than its subscription, or older than a day, gets none);
//   2. sends the deliveries that are due, in the subscription's language, and records what the
//      push service answered: sent; retried with backoff (413/429/5xx/no answer); failed; or
//      gone (404/410: the subscription is deleted).
import webpush from "web-push";
import { now as clockNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { PUSHED_KINDS } from "./kinds";
import { buildPushPayload } from "./payload";
import { decideAfterAttempt, MAX_AGE_MS, parseRetryAfter, type AttemptOutcome } from "./retry";
import { vapidConfig, type VapidConfig } from "./vapid";

const QUEUE_BATCH = 1000;
const SEND_BATCH = 200;
const PARALLEL = 8;
/** One run sends for at most this long; the next run (seconds later) goes on. */
const RUN_BUDGET_MS = 20_000;
const SEND_TIMEOUT_MS = 10_000;

/** Makes the deliveries of notifications not yet queued; returns how many notifications were looked at. */
export async function queueNewNotifications(now: Date = clockNow()): Promise<{ notifications: number; deliveries: number }> {
  let notifications = 0;
  let deliveries = 0;
  const oldest = new Date(now.getTime() - MAX_AGE_MS);
  for (let round = 0; round < 50; round++) {
    const [r] = await db().$queryRaw<{ claimed: number; made: number }[]>`
      WITH claimed AS (
        UPDATE "notifications" n SET "pushQueuedAt" = ${now}::timestamptz
        WHERE n."id" IN (SELECT "id" FROM "notifications" WHERE "pushQueuedAt" IS NULL ORDER BY "id" LIMIT ${QUEUE_BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING n."id", n."userId", n."kind", n."createdAt"
      ),
      made AS (
        INSERT INTO "push_deliveries" ("notificationId", "subscriptionId", "state", "nextAttemptAt", "createdAt")
        SELECT c."id", s."id", 'PENDING', ${now}::timestamptz, ${now}::timestamptz
        FROM claimed c JOIN "push_subscriptions" s ON s."userId" = c."userId"
        WHERE c."kind" = ANY(${PUSHED_KINDS as string[]}::text[])
          AND c."createdAt" >= s."createdAt" AND c."createdAt" > ${oldest}::timestamptz
          AND NOT EXISTS (SELECT 1 FROM "push_preferences" p WHERE p."userId" = c."userId" AND p."kind" = c."kind" AND NOT p."enabled")
        ON CONFLICT ("notificationId", "subscriptionId") DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT COUNT(*) FROM claimed)::int AS "claimed", (SELECT COUNT(*) FROM made)::int AS "made"`;
    notifications += r?.claimed ?? 0;
    deliveries += r?.made ?? 0;
    if ((r?.claimed ?? 0) < QUEUE_BATCH) break;
  }
  return { notifications, deliveries };
}

interface DueRow {
  id: bigint;
  attempts: number;
  lastStatus: number | null;
  notificationId: bigint;
  kind: string;
  data: unknown;
  notificationCreatedAt: Date;
  subscriptionId: bigint;
  endpoint: string;
  p256dh: string;
  auth: string;
  locale: string;
}

export interface DeliveryRunReport {
  disabled?: true;
  queued: { notifications: number; deliveries: number };
  sent: number;
  retried: number;
  failed: number;
  gone: number;
}

/**
 * web-push speaks TLS to every endpoint, so a plain-http endpoint (allowed only to a loopback host
 * listed in PUSH_SERVICE_HOSTS: a test push service, endpoint.ts) is POSTed with fetch. The request
 * itself (VAPID Authorization, aes128gcm body, TTL, Urgency) is web-push's, as for https.
 */
async function sendOverPlainHttp(subscription: webpush.PushSubscription, body: string, options: webpush.RequestOptions): Promise<AttemptOutcome> {
  const req = webpush.generateRequestDetails(subscription, body, options);
  // fetch sets Content-Length from the body itself
  const headers = Object.entries(req.headers as Record<string, string | number>).filter(([k]) => k.toLowerCase() !== "content-length");
  const res = await fetch(req.endpoint, {
    method: req.method,
    headers: headers.map(([k, v]): [string, string] => [k, String(v)]),
    body: new Uint8Array(req.body),
    redirect: "manual",
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return { status: res.status };
  return { status: res.status, retryAfterSeconds: parseRetryAfter(res.headers.get("retry-after"), clockNow()) };
}

/** One try of one delivery: the push service's status (or no answer). */
export async function attemptDelivery(row: DueRow, vapid: VapidConfig): Promise<AttemptOutcome> {
  // after a 413 (payload too large) the next try carries a shorter body
  const payload = buildPushPayload(
    { id: row.notificationId.toString(), kind: row.kind, data: row.data, createdAt: row.notificationCreatedAt },
    row.locale,
    row.lastStatus === 413 ? { maxBodyChars: 80 } : {},
  );
  const subscription = { endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } };
  const options: webpush.RequestOptions = {
    vapidDetails: vapid,
    TTL: Math.floor(MAX_AGE_MS / 1000),
    urgency: row.kind === "OFFICE_NOTICE" || row.kind === "QUOTA_100" ? "high" : "normal",
    timeout: SEND_TIMEOUT_MS,
  };
  try {
    if (new URL(row.endpoint).protocol === "http:") return await sendOverPlainHttp(subscription, JSON.stringify(payload), options);
    const r = await webpush.sendNotification(subscription, JSON.stringify(payload), options);
    return { status: r.statusCode };
  } catch (e) {
    const err = e as { statusCode?: unknown; headers?: Record<string, string>; message?: string };
    if (typeof err.statusCode === "number") {
      return { status: err.statusCode, retryAfterSeconds: parseRetryAfter(err.headers?.["retry-after"], clockNow()) };
    }
    return { status: null, error: (err.message ?? String(e)).slice(0, 300) };
  }
}

async function sendDue(vapid: VapidConfig, now: Date, report: DeliveryRunReport): Promise<number> {
  // a delivery whose subscription was deleted meanwhile (turned off, or gone on another alert) is gone too
  await db().$executeRaw`UPDATE "push_deliveries" SET "state" = 'GONE', "nextAttemptAt" = NULL WHERE "state" = 'PENDING' AND "subscriptionId" IS NULL`;
  const due = await db().$queryRaw<DueRow[]>`
    SELECT d."id", d."attempts", d."lastStatus", n."id" AS "notificationId", n."kind", n."data", n."createdAt" AS "notificationCreatedAt",
           s."id" AS "subscriptionId", s."endpoint", s."p256dh", s."auth", s."locale"
    FROM "push_deliveries" d
    JOIN "notifications" n ON n."id" = d."notificationId"
    JOIN "push_subscriptions" s ON s."id" = d."subscriptionId"
    WHERE d."state" = 'PENDING' AND d."nextAttemptAt" <= ${now}::timestamptz
    ORDER BY d."nextAttemptAt", d."id"
    LIMIT ${SEND_BATCH}`;
  for (let i = 0; i < due.length; i += PARALLEL) {
    const chunk = due.slice(i, i + PARALLEL);
    const outcomes = await Promise.all(chunk.map((row) => attemptDelivery(row, vapid)));
    const at = clockNow();
    for (const [j, row] of chunk.entries()) await record(row, outcomes[j]!, at, report);
  }
  return due.length;
}

async function record(row: DueRow, outcome: AttemptOutcome, at: Date, report: DeliveryRunReport): Promise<void> {
  const attempts = row.attempts + 1;
  const decision = decideAfterAttempt(outcome, attempts, row.notificationCreatedAt, at);
  const status = outcome.status;
  const error = outcome.status === null ? outcome.error : decision.state === "FAILED" ? decision.reason : null;
  await db().$transaction(async (tx) => {
    switch (decision.state) {
      case "SENT":
        report.sent++;
        await tx.pushDelivery.update({
          where: { id: row.id },
          data: { state: "SENT", attempts, lastStatus: status, lastError: null, sentAt: at, nextAttemptAt: null },
        });
        await tx.pushSubscription.update({ where: { id: row.subscriptionId }, data: { lastSuccessAt: at, failureCount: 0 } });
        return;
      case "GONE":
        report.gone++;
        await tx.pushDelivery.update({ where: { id: row.id }, data: { state: "GONE", attempts, lastStatus: status, nextAttemptAt: null } });
        // the endpoint will never take anything again: its other pending alerts go with it
        await tx.pushDelivery.updateMany({ where: { subscriptionId: row.subscriptionId, state: "PENDING" }, data: { state: "GONE", nextAttemptAt: null } });
        await tx.pushSubscription.deleteMany({ where: { id: row.subscriptionId } });
        return;
      case "FAILED":
        report.failed++;
        await tx.pushDelivery.update({ where: { id: row.id }, data: { state: "FAILED", attempts, lastStatus: status, lastError: error, nextAttemptAt: null } });
        await tx.pushSubscription.updateMany({ where: { id: row.subscriptionId }, data: { failureCount: { increment: 1 } } });
        return;
      case "PENDING":
        report.retried++;
        await tx.pushDelivery.update({
          where: { id: row.id },
          data: { attempts, lastStatus: status, lastError: error, nextAttemptAt: decision.nextAttemptAt },
        });
        await tx.pushSubscription.updateMany({ where: { id: row.subscriptionId }, data: { failureCount: { increment: 1 } } });
        return;
    }
  });
}

/** The job: queue what is new, then send what is due (within a time budget). */
export async function runPushDelivery(now: Date = clockNow()): Promise<DeliveryRunReport> {
  const empty = { notifications: 0, deliveries: 0 };
  const vapid = vapidConfig();
  if (!vapid) return { disabled: true, queued: empty, sent: 0, retried: 0, failed: 0, gone: 0 };
  const report: DeliveryRunReport = { queued: await queueNewNotifications(now), sent: 0, retried: 0, failed: 0, gone: 0 };
  const started = performance.now();
  while (performance.now() - started < RUN_BUDGET_MS) {
    const n = await sendDue(vapid, clockNow() > now ? clockNow() : now, report);
    if (n < SEND_BATCH) break;
  }
  return report;
}
