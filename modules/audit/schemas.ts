// The audit viewer's filter as it arrives in a URL (/admin/audit and its CSV export): the same
// parsing for the page and the route handler. The service validates each value (a localised
// VALIDATION with its reason); this only picks the strings out.
import { AppError } from "@/lib/errors";
import type { AuditPageInput } from "./service";

/** Prefixes offered in the action filter, then the known action names (a URL may name any). */
export const AUDIT_ACTION_PREFIXES = [
  "staff.",
  "staff.read.",
  "export.",
  "finance.",
  "appeal.",
  "account.",
  "network.",
  "counter.",
  "policy.",
  "nas.",
  "plans.",
  "guest.",
  "jobs.",
  "signin.",
] as const;

export const AUDIT_ACTIONS = [
  "staff.read.user",
  "staff.read.search",
  "staff.read.audit",
  "staff.read.queue",
  "staff.read.appeals",
  "staff.read.orders",
  "staff.read.order",
  "staff.read.statement",
  "staff.read.counter_lookup",
  "export.csv",
  "staff.account.suspend",
  "staff.account.resume",
  "staff.session.kick",
  "staff.session.kick_all",
  "staff.network.unlock",
  "staff.network.password_reset",
  "staff.balance.adjust",
  "staff.quota.adjust",
  "staff.plans.cancel",
  "staff.notice.send",
  "appeal.file",
  "appeal.approve",
  "appeal.refuse",
  "counter.recharge",
  "counter.recharge.refused",
  "finance.refund.original_route",
  "finance.refund.failed",
  "finance.reversal",
  "finance.reconcile",
  "finance.flag.credit",
  "finance.flag.acknowledge",
  "policy.quota.update",
  "policy.recharge.update",
  "policy.service.update",
  "nas.create",
  "nas.update",
  "nas.delete",
  "jobs.run",
  "account.pause",
  "account.pause.cancel",
  "account.resume",
  "signin.refused.identity_conflict",
] as const;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function get(p: Params, key: string): string | undefined {
  const v = p instanceof URLSearchParams ? p.get(key) : p[key];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
}

/** The filter and cursor named in a URL: actor (工号), subject (学号), action, from, to (YYYY-MM-DD, Shanghai), before (cursor). */
export function auditFilterFromParams(p: Params): AuditPageInput {
  const before = get(p, "before");
  if (before !== undefined && !/^[1-9]\d{0,18}$/.test(before)) throw new AppError("VALIDATION", { reason: "cursor" });
  return {
    actorNo: get(p, "actor"),
    subjectNo: get(p, "subject"),
    action: get(p, "action"),
    fromDay: get(p, "from"),
    toDay: get(p, "to"),
    ...(before ? { before: BigInt(before) } : {}),
  };
}

/** The URL query of a filter (without the cursor), for the export link and the page links. */
export function auditFilterQuery(f: AuditPageInput, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  const put = (k: string, v: string | undefined) => v && q.set(k, v);
  put("actor", f.actorNo);
  put("subject", f.subjectNo);
  put("action", f.action);
  put("from", f.fromDay);
  put("to", f.toDay);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
