import type { Role } from "@/lib/generated/prisma/enums";

export const ALL_ROLES: readonly Role[] = ["STUDENT", "OPERATOR", "FINANCE", "ADMIN"];

/**
 * The one table of who may do what (../shared/STYLE.md habit 6). Page guards (`requireStaff`), the
 * action clients (lib/safe-action.ts), the route handlers (`requireAbility`) and the
 * authorization matrix test (e2e/authz-matrix.spec.ts) all read it.
 */
export const ABILITIES = {
  /** a signed-in person's own account: balance, recharge, packages, network */
  "self.service": ALL_ROLES,
  /** the /admin shell and overview */
  "admin.view": ["OPERATOR", "FINANCE", "ADMIN"],
  /** look a student up: roster, balance, packages (/admin/users) */
  "users.view": ["OPERATOR", "FINANCE", "ADMIN"],
  /** helpdesk on a student's account: suspend/resume, kick sessions, block devices, lift a lock-out, temporary network password */
  "users.act": ["OPERATOR", "ADMIN"],
  /** give or take back high-speed quota this month, with a reason (quota_adjustments) */
  "users.adjustQuota": ["OPERATOR", "ADMIN"],
  /** a balance adjustment with a reason (a ledger entry, never an edit) */
  "users.adjustBalance": ["FINANCE", "ADMIN"],
  /** 营业厅充值: counter lookup, counter recharge and its receipts */
  "counter.recharge": ["OPERATOR", "ADMIN"],
  /** 财务: daily totals, orders, flagged queue, reconciliation, CSV exports */
  "finance.view": ["FINANCE", "ADMIN"],
  /** refunds, reversals, reconciliation runs, resolving flagged orders */
  "finance.manage": ["FINANCE", "ADMIN"],
  /** 设置: quota and recharge policy, NAS clients */
  "settings.manage": ["ADMIN"],
  /** 定时任务: the scheduled jobs' recent runs, and running one now (/admin/jobs) */
  "jobs.manage": ["ADMIN"],
  /** 网络中心通知: write a notice to every active student, a cohort or one student (/admin/notices). The
   *  helpdesk (operator) tells students about outages and maintenance as well as the admin; finance does not. */
  "notices.send": ["OPERATOR", "ADMIN"],
  /** 审计日志: read and export the audit trail (/admin/audit). Admin only: no finance-auditor ability exists
   *  (finance.view covers money reports, not what staff read of students), and the trail shows every role's reads. */
  "audit.view": ["ADMIN"],
  /** 误操作申诉: decide a student's pending appeal (/admin/queues/appeals). A helpdesk call ("I bought the wrong
   *  package"); the refund is a reversal of the exchange's own entry, not a payout, so finance is not needed. */
  "appeals.decide": ["OPERATOR", "ADMIN"],
  /** 迁入迁出: the September intake import and the graduation settlement (/admin/lifecycle), admin only */
  "lifecycle.bulk": ["ADMIN"],
  /** 套餐目录与特惠: create, edit (a new version), schedule and take packages off sale; time-limited offers (/admin/catalogue) */
  "catalogue.manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Ability = keyof typeof ABILITIES;

export function rolesFor(ability: Ability): readonly Role[] {
  return ABILITIES[ability];
}

export function can(role: Role, ability: Ability): boolean {
  return rolesFor(ability).includes(role);
}

/**
 * Map the IdP's role claim (student/operator/finance/admin, any case) to our Role; null when
 * the IdP sends no role at all: then the account keeps the role it has (a bootstrapped first
 * admin stays admin under an IdP that knows no campus roles; a new account is a student).
 */
export function roleFromClaim(value: unknown): Role | null {
  const v = String(Array.isArray(value) ? (value[0] ?? "") : (value ?? ""))
    .trim()
    .toUpperCase();
  if (!v) return null;
  return v === "OPERATOR" || v === "FINANCE" || v === "ADMIN" ? v : "STUDENT";
}
