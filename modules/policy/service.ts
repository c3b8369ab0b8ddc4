import "server-only";
// The self-service rules' policy (service_policy, one row, id = 1): appeal window, guest passes,
// pauses, device limit. Read through a short cache on hot paths (RADIUS authorize) and fresh where
// a student is shown a limit; staff edit it through updateServicePolicy (the admin console).
import { wallMs } from "@/lib/clock";
import { db } from "@/lib/db";
import { GiB, MiB } from "@/lib/units";

/** Tagged-template raw SQL: a Prisma client or transaction, or the RADIUS hot path's pg client. */
interface RawSqlClient {
  $queryRaw<T = unknown>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T>;
}

export interface ServicePolicyView {
  appealWindowHours: number;
  appealMaxUsedBytes: bigint;
  guestPassMaxHours: number;
  guestPassMaxBytes: bigint;
  guestPassMaxLive: number;
  guestDownKbps: number;
  guestUpKbps: number;
  pauseMinDays: number;
  pauseMaxDays: number;
  deviceLimit: number;
}

/** The migration's column defaults; used only if the row is missing. */
export const DEFAULT_SERVICE_POLICY: ServicePolicyView = {
  appealWindowHours: 72,
  appealMaxUsedBytes: 100n * MiB,
  guestPassMaxHours: 6,
  guestPassMaxBytes: 2n * GiB,
  guestPassMaxLive: 3,
  guestDownKbps: 4096,
  guestUpKbps: 1024,
  pauseMinDays: 7,
  pauseMaxDays: 180,
  deviceLimit: 3,
};

/** The policy as stored now. */
export async function getServicePolicy(client: RawSqlClient = db()): Promise<ServicePolicyView> {
  const [row] = await client.$queryRaw<ServicePolicyView[]>`
    SELECT "appealWindowHours", "appealMaxUsedBytes", "guestPassMaxHours", "guestPassMaxBytes", "guestPassMaxLive",
           "guestDownKbps", "guestUpKbps", "pauseMinDays", "pauseMaxDays", "deviceLimit"
    FROM "service_policy" WHERE "id" = 1`;
  if (!row) return DEFAULT_SERVICE_POLICY;
  return { ...row, appealMaxUsedBytes: BigInt(row.appealMaxUsedBytes), guestPassMaxBytes: BigInt(row.guestPassMaxBytes) };
}

let cache: { at: number; policy: ServicePolicyView } | null = null;
const TTL_MS = 5_000;

/** For hot paths: at most TTL_MS old (every instance sees an edit within that). */
export async function getServicePolicyCached(client: RawSqlClient = db()): Promise<ServicePolicyView> {
  const t = wallMs();
  if (cache && t - cache.at < TTL_MS) return cache.policy;
  const policy = await getServicePolicy(client);
  cache = { at: t, policy };
  return policy;
}

/** For tests and the policy editor: the next cached read goes to the database. */
export function forgetCachedServicePolicy(): void {
  cache = null;
}

/** Staff change the policy (tests too); the caller checks the ability and writes the audit record. */
export async function updateServicePolicy(patch: Partial<ServicePolicyView>): Promise<ServicePolicyView> {
  await db().servicePolicy.upsert({ where: { id: 1 }, create: { id: 1, ...patch }, update: patch });
  forgetCachedServicePolicy();
  return getServicePolicy();
}
