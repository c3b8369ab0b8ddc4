// The authorization matrix (lib/roles.ts): every page, route handler and server action of the
// app — found in the FILE TREE, so a new one without an entry below fails this test — is
// requested as each identity, and both the outcome and the body are checked. The body of
// every response (HTML, the RSC payload of the same request with `RSC: 1`, JSON, CSV, the
// action's result) must carry none of a canary student's data unless the cell says it may:
// the canary (unique name, 学号, balance, order number) is seeded in beforeAll and no login
// owns it, so it may show only on staff pages whose ability (lib/roles.ts) allows it.
//
// Identities: anonymous (no cookie: the proxy sends pages to /signin), forged (a session
// cookie that is not a valid token: the proxy lets it through, so the page's, route's and
// action's own guard must refuse), two students, operator, finance, admin (real OIDC logins).
// Requests go through API request contexts with the saved logins, not page navigations.
// The canary stays in the throwaway e2e database: the ledger is append-only.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import pg from "pg";
import { ABILITIES, type Ability } from "../lib/roles";
import { dayKey, shanghaiDateTime } from "../lib/time";
import { DEMO, expect, test } from "./fixtures";
import { ROOT_DIR, STATE_FILE } from "./paths";

// ───────────────────────── identities ─────────────────────────

const WHO = ["anonymous", "forged", "student", "otherStudent", "operator", "finance", "admin"] as const;
type Who = (typeof WHO)[number];
const LOGIN: Partial<Record<Who, string>> = {
  student: DEMO.student,
  otherStudent: DEMO.throttled,
  operator: DEMO.operator,
  finance: DEMO.finance,
  admin: DEMO.admin,
};
const ROLE: Partial<Record<Who, string>> = { student: "STUDENT", otherStudent: "STUDENT", operator: "OPERATOR", finance: "FINANCE", admin: "ADMIN" };
const may = (who: Who, ability: Ability) => ROLE[who] !== undefined && (ABILITIES[ability] as readonly string[]).includes(ROLE[who]!);

// ───────────────────────── outcomes and cells ─────────────────────────

/** ok 2xx · signin: 3xx to /signin · redirect: 3xx elsewhere · forbidden 403 · notfound 404 ·
 *  unauthenticated 401 · refused: another 4xx · UNAUTHENTICATED / FORBIDDEN: an action's serverError */
type Outcome =
  | "ok"
  | "signin"
  | "redirect"
  | "forbidden"
  | "notfound"
  | "unauthenticated"
  | "refused"
  | "error"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "not called"
  | "not exposed";
/** what of the canary a response may carry */
type Needle = "name" | "studentNo" | "balance" | "orderNo";
const ALL: readonly Needle[] = ["name", "studentNo", "balance", "orderNo"];
interface Cell {
  outcome: Outcome | readonly Outcome[];
  shows?: readonly Needle[];
}
type Row = Record<Who, Cell>;
/** refusals a machine endpoint may give without its secret or signature */
const REFUSED: readonly Outcome[] = ["refused", "forbidden", "unauthenticated", "notfound"];

const row = (f: (who: Who) => Cell): Row => Object.fromEntries(WHO.map((w) => [w, f(w)])) as Row;
const signedIn = (who: Who) => LOGIN[who] !== undefined;
/** A student page: anyone signed in, their own data only. */
const studentPage = () => row((w) => ({ outcome: signedIn(w) ? "ok" : "signin" }));
/** A staff page: the ability's roles see it (and `shows` of the canary), everyone else 403. */
const staffPage = (ability: Ability, shows: readonly Needle[] = []) =>
  row((w) => (!signedIn(w) ? { outcome: "signin" } : may(w, ability) ? { outcome: "ok", shows } : { outcome: "forbidden" }));
/** A staff JSON/CSV route. */
const staffApi = (ability: Ability, shows: readonly Needle[] = []) =>
  row((w) => (!signedIn(w) ? { outcome: "unauthenticated" } : may(w, ability) ? { outcome: "ok", shows } : { outcome: "forbidden" }));
const everyone = (cell: Cell) => row(() => cell);

// ───────────────────────── the canary and the ids that fill dynamic segments ─────────────────────────

interface Ids {
  canaryNo: string;
  canaryName: string;
  canaryOrderNo: string;
  /** the canary order's Shanghai day, YYYY-MM-DD */
  canaryDay: string;
  runId: string;
  /** a credited order of the student identity (2023010001) */
  ownOrderNo: string;
  unknownTradeNo: string;
}

interface Case {
  url: string;
  row: Row;
}

/** Pages by route (app/**\/page.tsx, groups dropped). Every page in the tree needs an entry. */
const PAGES: Record<string, (ids: Ids) => Case[]> = {
  "/": () => [{ url: "/", row: studentPage() }],
  "/exchanges": () => [{ url: "/exchanges", row: studentPage() }],
  "/network": () => [{ url: "/network", row: studentPage() }],
  "/network/devices": () => [{ url: "/network/devices", row: studentPage() }],
  "/network/guests": () => [{ url: "/network/guests", row: studentPage() }],
  "/network/password": () => [{ url: "/network/password", row: studentPage() }],
  "/network/login-problems": () => [{ url: "/network/login-problems", row: studentPage() }],
  "/network/usage": () => [{ url: "/network/usage", row: studentPage() }],
  "/notifications": () => [{ url: "/notifications", row: studentPage() }],
  "/packages": () => [{ url: "/packages", row: studentPage() }],
  // The URL names a month, never a student: each signed-in user sees only their own statement
  // (the canary's month shows none of the canary's recharge); a future month is a localised refusal.
  "/statement": () => [{ url: "/statement", row: studentPage() }],
  "/statement/[month]": (ids) => [
    { url: `/statement/${ids.canaryDay.slice(0, 7)}`, row: studentPage() },
    { url: "/statement/2999-12", row: studentPage() },
  ],
  "/recharge": () => [{ url: "/recharge", row: studentPage() }],
  "/recharge/records": () => [{ url: "/recharge/records", row: studentPage() }],
  "/recharge/orders/[orderNo]": (ids) => [
    // Only the account's owner or the order's creator: not even staff read a student's order page.
    { url: `/recharge/orders/${ids.canaryOrderNo}`, row: row((w) => ({ outcome: signedIn(w) ? "notfound" : "signin" })) },
    { url: `/recharge/orders/${ids.ownOrderNo}`, row: row((w) => ({ outcome: !signedIn(w) ? "signin" : w === "student" ? "ok" : "notfound" })) },
  ],
  "/recharge/receipts/[orderNo]": (ids) => [
    // Receipts: the owner, and staff (the counter prints them).
    {
      url: `/recharge/receipts/${ids.canaryOrderNo}`,
      row: row((w) => (!signedIn(w) ? { outcome: "signin" } : ROLE[w] === "STUDENT" ? { outcome: "notfound" } : { outcome: "ok", shows: ALL })),
    },
    { url: `/recharge/receipts/${ids.ownOrderNo}`, row: row((w) => ({ outcome: !signedIn(w) ? "signin" : w === "otherStudent" ? "notfound" : "ok" })) },
  ],
  "/admin": () => [{ url: "/admin", row: staffPage("admin.view") }],
  "/admin/users": (ids) => [{ url: `/admin/users?q=${ids.canaryNo}`, row: staffPage("users.view", ALL) }],
  "/admin/users/[studentNo]": (ids) => [{ url: `/admin/users/${ids.canaryNo}`, row: staffPage("users.view", ALL) }],
  "/admin/counter": () => [{ url: "/admin/counter", row: staffPage("counter.recharge") }],
  "/admin/counter/receipts/[orderNo]": (ids) => [{ url: `/admin/counter/receipts/${ids.canaryOrderNo}`, row: staffPage("counter.recharge", ALL) }],
  "/admin/finance": (ids) => [{ url: `/admin/finance?day=${ids.canaryDay}`, row: staffPage("finance.view", ALL) }],
  "/admin/finance/flagged": () => [{ url: "/admin/finance/flagged", row: staffPage("finance.view") }],
  "/admin/finance/orders": (ids) => [{ url: `/admin/finance/orders?q=${ids.canaryOrderNo}`, row: staffPage("finance.view", ALL) }],
  "/admin/finance/orders/[orderNo]": (ids) => [{ url: `/admin/finance/orders/${ids.canaryOrderNo}`, row: staffPage("finance.view", ALL) }],
  "/admin/finance/reconciliation": () => [{ url: "/admin/finance/reconciliation", row: staffPage("finance.view", ALL) }],
  "/admin/finance/reconciliation/[runId]": (ids) => [{ url: `/admin/finance/reconciliation/${ids.runId}`, row: staffPage("finance.view", ALL) }],
  "/admin/settings": () => [{ url: "/admin/settings", row: staffPage("settings.manage") }],
  // A policy's history (who, when, what, why): seen by whoever may edit it; an unknown policy is 404 for them.
  "/admin/settings/history/[kind]": () => [
    { url: "/admin/settings/history/quota?before=999999999", row: staffPage("settings.manage") },
    {
      url: "/admin/settings/history/nope",
      row: row((w) => (!signedIn(w) ? { outcome: "signin" } : may(w, "settings.manage") ? { outcome: "notfound" } : { outcome: "forbidden" })),
    },
  ],
  "/admin/jobs": () => [{ url: "/admin/jobs", row: staffPage("jobs.manage") }],
  "/admin/notices": () => [{ url: "/admin/notices", row: staffPage("notices.send") }],
  "/admin/lifecycle": () => [{ url: "/admin/lifecycle", row: staffPage("lifecycle.bulk") }],
  "/admin/lifecycle/intake": () => [{ url: "/admin/lifecycle/intake", row: staffPage("lifecycle.bulk") }],
  "/admin/lifecycle/graduation": () => [{ url: "/admin/lifecycle/graduation", row: staffPage("lifecycle.bulk") }],
  "/admin/catalogue": () => [{ url: "/admin/catalogue", row: staffPage("catalogue.manage") }],
  // The audit trail names whoever staff read or acted on (the canary, once a staff identity has opened its page).
  "/admin/audit": (ids) => [
    { url: "/admin/audit", row: staffPage("audit.view", ALL) },
    { url: `/admin/audit?subject=${ids.canaryNo}&action=staff.read.`, row: staffPage("audit.view", ALL) },
  ],
  // Queues: the overview shows counts only, for the queues the role can act on; each queue the roles that act on it.
  "/admin/queues": () => [{ url: "/admin/queues", row: staffPage("admin.view") }],
  "/admin/queues/appeals": () => [{ url: "/admin/queues/appeals", row: staffPage("appeals.decide", ["name", "studentNo"]) }],
  "/admin/queues/renewals": () => [{ url: "/admin/queues/renewals", row: staffPage("users.act", ["name", "studentNo"]) }],
  "/admin/queues/unknown-radius": () => [{ url: "/admin/queues/unknown-radius", row: staffPage("settings.manage") }],
  "/admin/queues/lockouts": () => [{ url: "/admin/queues/lockouts", row: staffPage("users.act", ["name", "studentNo"]) }],
  // Public pages.
  "/signin": () => [{ url: "/signin", row: row((w) => ({ outcome: signedIn(w) ? "redirect" : "ok" })) }],
  "/~offline": () => [{ url: "/~offline", row: everyone({ outcome: "ok" }) }],
  // Where a suspended account lands: no account data; anyone else is sent on.
  "/suspended": () => [{ url: "/suspended", row: row((w) => ({ outcome: signedIn(w) ? "redirect" : "signin" })) }],
  // The sandbox gateway's cashier (an outside company's page): the trade number is the key.
  "/sandbox-pay/[outTradeNo]": (ids) => [{ url: `/sandbox-pay/${ids.unknownTradeNo}`, row: everyone({ outcome: "ok" }) }],
};

interface RouteCase extends Case {
  body?: string;
  headers?: Record<string, string>;
}

/** Route handlers (app/**\/route.ts and metadata routes) by "METHOD /route". */
const ROUTES: Record<string, (ids: Ids) => RouteCase[]> = {
  "GET /api/auth/[...nextauth]": () => [{ url: "/api/auth/session", row: everyone({ outcome: "ok" }) }],
  "POST /api/auth/[...nextauth]": () => [{ url: "/api/auth/signout", body: "", row: everyone({ outcome: ["redirect", "ok", "refused"] }) }],
  "GET /api/health": () => [{ url: "/api/health", row: everyone({ outcome: "ok" }) }],
  "GET /api/finance/ledger": (ids) => [{ url: `/api/finance/ledger?day=${ids.canaryDay}`, row: staffApi("finance.view", ALL) }],
  "GET /api/finance/totals": (ids) => [{ url: `/api/finance/totals?day=${ids.canaryDay}`, row: staffApi("finance.view", ALL) }],
  // The audit trail as CSV, streamed; a bad date is a 400 with its code, not a 500.
  "GET /api/admin/audit/export": (ids) => [
    { url: `/api/admin/audit/export?subject=${ids.canaryNo}`, row: staffApi("audit.view", ALL) },
    {
      url: "/api/admin/audit/export?from=2026-02-30",
      row: row((w) => (!signedIn(w) ? { outcome: "unauthenticated" } : may(w, "audit.view") ? { outcome: "refused" } : { outcome: "forbidden" })),
    },
  ],
  // The overview's charts (aggregates only), its top users (names: users.view, audited) and each table as CSV;
  // a bad range or table is a 400 with its code, not a 500.
  "GET /api/admin/dashboard": () => [
    { url: "/api/admin/dashboard?days=180", row: staffApi("admin.view") },
    {
      url: "/api/admin/dashboard?days=7",
      row: row((w) => (!signedIn(w) ? { outcome: "unauthenticated" } : may(w, "admin.view") ? { outcome: "refused" } : { outcome: "forbidden" })),
    },
  ],
  "GET /api/admin/dashboard/top-users": () => [{ url: "/api/admin/dashboard/top-users", row: staffApi("users.view", ["name", "studentNo"]) }],
  "GET /api/admin/dashboard/export": () => [
    { url: "/api/admin/dashboard/export?table=traffic-daily&days=30", row: staffApi("admin.view") },
    { url: "/api/admin/dashboard/export?table=top-users", row: staffApi("users.view", ["name", "studentNo"]) },
    {
      url: "/api/admin/dashboard/export?table=nope",
      row: row((w) => (!signedIn(w) ? { outcome: "unauthenticated" } : may(w, "admin.view") ? { outcome: "refused" } : { outcome: "forbidden" })),
    },
  ],
  "GET /api/finance/reconciliation/[runId]": (ids) => [{ url: `/api/finance/reconciliation/${ids.runId}`, row: staffApi("finance.view", ALL) }],
  // A graduation settlement's per-student report (CSV): a run that does not exist is 404 for the admin, refused for everyone else.
  "GET /api/admin/lifecycle/graduation/[runId]": () => [
    {
      url: "/api/admin/lifecycle/graduation/999999999",
      row: row((w) => (!signedIn(w) ? { outcome: "unauthenticated" } : may(w, "lifecycle.bulk") ? { outcome: "notfound" } : { outcome: "forbidden" })),
    },
  ],
  "GET /api/payments/orders/[orderNo]": (ids) => [
    { url: `/api/payments/orders/${ids.canaryOrderNo}`, row: row((w) => ({ outcome: signedIn(w) ? "notfound" : "unauthenticated" })) },
    { url: `/api/payments/orders/${ids.ownOrderNo}`, row: row((w) => ({ outcome: !signedIn(w) ? "unauthenticated" : w === "student" ? "ok" : "notfound" })) },
  ],
  // Machine endpoints: public, but refused without their signature or shared secret.
  "POST /api/payments/alipay/notify": () => [{ url: "/api/payments/alipay/notify", body: "out_trade_no=x", row: everyone({ outcome: [...REFUSED, "ok"] }) }],
  "POST /api/payments/wechat/notify": () => [{ url: "/api/payments/wechat/notify", body: "{}", row: everyone({ outcome: REFUSED }) }],
  "POST /api/payments/sandbox/notify": () => [{ url: "/api/payments/sandbox/notify", body: "{}", row: everyone({ outcome: REFUSED }) }],
  "POST /api/payments/heal": () => [{ url: "/api/payments/heal", body: "", row: everyone({ outcome: REFUSED }) }],
  "POST /api/payments/sandbox/checkout/[outTradeNo]": (ids) => [
    {
      url: `/api/payments/sandbox/checkout/${ids.unknownTradeNo}`,
      body: "action=pay",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      row: everyone({ outcome: REFUSED }),
    },
  ],
  "GET /api/payments/sandbox/v3/[...path]": (ids) => [
    { url: `/api/payments/sandbox/v3/pay/transactions/out-trade-no/${ids.unknownTradeNo}?mchid=1900000001`, row: everyone({ outcome: REFUSED }) },
  ],
  "POST /api/payments/sandbox/v3/[...path]": () => [
    { url: "/api/payments/sandbox/v3/pay/transactions/native", body: "{}", row: everyone({ outcome: REFUSED }) },
  ],
  "POST /api/radius/accounting": () => [{ url: "/api/radius/accounting", body: "{}", row: everyone({ outcome: REFUSED }) }],
  "POST /api/radius/authenticate": () => [{ url: "/api/radius/authenticate", body: "{}", row: everyone({ outcome: REFUSED }) }],
  "POST /api/radius/authorize": () => [{ url: "/api/radius/authorize", body: "{}", row: everyone({ outcome: REFUSED }) }],
  "POST /api/radius/sweep": () => [{ url: "/api/radius/sweep", body: "", row: everyone({ outcome: REFUSED }) }],
  // One run of a scheduled job, for the instance's own job worker (derived secret, decision 013).
  "POST /api/jobs/[name]": () => [{ url: "/api/jobs/speed-sweep", body: "", row: everyone({ outcome: REFUSED }) }],
  // PWA files and sign-out.
  "GET /serwist/[path]": () => [{ url: "/serwist/sw.js", row: everyone({ outcome: "ok" }) }],
  "GET /signed-out": () => [{ url: "/signed-out", row: everyone({ outcome: "redirect" }) }],
  "GET /manifest.webmanifest": () => [{ url: "/manifest.webmanifest", row: everyone({ outcome: "ok" }) }],
};

interface ActionEntry {
  /** the ability the action's client requires (lib/safe-action.ts) */
  ability: Ability;
  /** the argument sent: invalid for mutations, so an allowed caller gets a validation error and nothing changes */
  input: (ids: Ids) => unknown;
  /** what an allowed caller may see of the canary */
  shows?: readonly Needle[];
  /** takes no input and would change the caller's account: only refusals are checked */
  mutatesWithoutInput?: boolean;
}

const INVALID = () => ({});
/** Server actions by "file#export" (every exported *Action of a "use server" module). */
const ACTIONS: Record<string, ActionEntry> = {
  "modules/admin/actions.ts#updateQuotaPolicyAction": { ability: "settings.manage", input: INVALID },
  "modules/admin/actions.ts#updateRechargePolicyAction": { ability: "settings.manage", input: INVALID },
  "modules/admin/actions.ts#updateServicePolicyAction": { ability: "settings.manage", input: INVALID },
  "modules/admin/actions.ts#createNasClientAction": { ability: "settings.manage", input: INVALID },
  "modules/admin/actions.ts#updateNasClientAction": { ability: "settings.manage", input: INVALID },
  "modules/admin/actions.ts#deleteNasClientAction": { ability: "settings.manage", input: INVALID },
  "modules/appeals/actions.ts#fileAppealAction": { ability: "self.service", input: INVALID },
  "modules/appeals/actions.ts#decideAppealAction": { ability: "appeals.decide", input: INVALID },
  "modules/helpdesk/actions.ts#suspendAccountAction": { ability: "users.act", input: INVALID },
  "modules/helpdesk/actions.ts#resumeAccountAction": { ability: "users.act", input: INVALID },
  "modules/helpdesk/actions.ts#kickSessionAction": { ability: "users.act", input: INVALID },
  "modules/helpdesk/actions.ts#kickAllSessionsAction": { ability: "users.act", input: INVALID },
  "modules/helpdesk/actions.ts#setDeviceBlockedAction": { ability: "users.act", input: INVALID },
  "modules/helpdesk/actions.ts#unlockNetworkLoginAction": { ability: "users.act", input: INVALID },
  "modules/helpdesk/actions.ts#resetNetworkPasswordAction": { ability: "users.act", input: INVALID },
  "modules/helpdesk/actions.ts#adjustBalanceAction": { ability: "users.adjustBalance", input: INVALID },
  "modules/helpdesk/actions.ts#adjustQuotaAction": { ability: "users.adjustQuota", input: INVALID },
  "modules/jobs/actions.ts#runJobNowAction": { ability: "jobs.manage", input: INVALID },
  "modules/notices/actions.ts#previewNoticeAction": { ability: "notices.send", input: INVALID },
  "modules/notices/actions.ts#sendNoticeAction": { ability: "notices.send", input: INVALID },
  "modules/lifecycle/actions.ts#dryRunIntakeAction": { ability: "lifecycle.bulk", input: INVALID },
  "modules/catalogue/actions.ts#createPackageAction": { ability: "catalogue.manage", input: INVALID },
  "modules/catalogue/actions.ts#editPackageAction": { ability: "catalogue.manage", input: INVALID },
  "modules/catalogue/actions.ts#setPackageOnSaleAction": { ability: "catalogue.manage", input: INVALID },
  "modules/catalogue/actions.ts#schedulePackageAction": { ability: "catalogue.manage", input: INVALID },
  "modules/catalogue/actions.ts#createOfferAction": { ability: "catalogue.manage", input: INVALID },
  "modules/catalogue/actions.ts#withdrawOfferAction": { ability: "catalogue.manage", input: INVALID },
  "modules/lifecycle/actions.ts#applyIntakeAction": { ability: "lifecycle.bulk", input: INVALID },
  "modules/lifecycle/actions.ts#previewGraduationAction": { ability: "lifecycle.bulk", input: INVALID },
  "modules/lifecycle/actions.ts#settleGraduationAction": { ability: "lifecycle.bulk", input: INVALID },
  "modules/finance/actions.ts#getRefundableAction": { ability: "finance.manage", input: (ids) => ({ orderNo: ids.canaryOrderNo }), shows: ALL },
  "modules/finance/actions.ts#refundOrderAction": { ability: "finance.manage", input: (ids) => ({ orderNo: ids.canaryOrderNo }) },
  "modules/finance/actions.ts#reverseEntryAction": { ability: "finance.manage", input: INVALID },
  "modules/finance/actions.ts#runReconciliationAction": { ability: "finance.manage", input: INVALID },
  "modules/finance/actions.ts#resolveFlaggedOrderAction": { ability: "finance.manage", input: (ids) => ({ orderNo: ids.canaryOrderNo }) },
  "modules/finance/actions.ts#searchOrdersAction": { ability: "finance.manage", input: (ids) => ({ query: ids.canaryOrderNo }), shows: ALL },
  "modules/network/actions.ts#liveNetworkAction": { ability: "self.service", input: () => undefined },
  "modules/network/actions.ts#disconnectSessionAction": { ability: "self.service", input: INVALID },
  "modules/network/actions.ts#registerMacDeviceAction": { ability: "self.service", input: INVALID },
  "modules/network/actions.ts#renameDeviceAction": { ability: "self.service", input: INVALID },
  "modules/network/actions.ts#unregisterDeviceAction": { ability: "self.service", input: INVALID },
  "modules/network/actions.ts#blockDeviceAction": { ability: "self.service", input: INVALID },
  "modules/network/actions.ts#unblockDeviceAction": { ability: "self.service", input: INVALID },
  "modules/network/actions.ts#setNetworkPasswordAction": { ability: "self.service", input: INVALID },
  "modules/network/actions.ts#setSeamlessLoginAction": { ability: "self.service", input: INVALID },
  "modules/pauses/actions.ts#requestPauseAction": { ability: "self.service", input: INVALID },
  "modules/pauses/actions.ts#cancelPauseAction": { ability: "self.service", input: () => undefined, mutatesWithoutInput: true },
  "modules/pauses/actions.ts#resumePauseAction": { ability: "self.service", input: () => undefined, mutatesWithoutInput: true },
  "modules/push/actions.ts#savePushSubscriptionAction": { ability: "self.service", input: INVALID },
  "modules/push/actions.ts#deletePushSubscriptionAction": { ability: "self.service", input: INVALID },
  "modules/push/actions.ts#setPushPreferenceAction": { ability: "self.service", input: INVALID },
  // Sends a test alert to the caller's own subscriptions (none here): only refusals are checked.
  "modules/push/actions.ts#sendTestPushAction": { ability: "self.service", input: () => undefined, mutatesWithoutInput: true },
  "modules/notifications/actions.ts#markNotificationsReadAction": { ability: "self.service", input: () => ({ ids: ["not-an-id"] }) },
  // A cursor that is not the caller's own notification gives an empty page.
  "modules/notifications/actions.ts#loadMoreNotificationsAction": { ability: "self.service", input: () => ({ before: "1" }) },
  "modules/packages/actions.ts#exchangePackageAction": { ability: "self.service", input: INVALID },
  "modules/guest/actions.ts#issueGuestPassAction": { ability: "self.service", input: INVALID },
  "modules/guest/actions.ts#revokeGuestPassAction": { ability: "self.service", input: INVALID },
  "modules/plans/actions.ts#schedulePlanAction": { ability: "self.service", input: INVALID },
  "modules/plans/actions.ts#cancelPlanAction": { ability: "self.service", input: INVALID },
  "modules/plans/actions.ts#confirmPlanAction": { ability: "self.service", input: INVALID },
  // A classmate's recharge target: the number typed in comes back, with a masked name only.
  "modules/recharge/actions.ts#lookupRechargeTargetAction": { ability: "self.service", input: (ids) => ({ studentNo: ids.canaryNo }), shows: ["studentNo"] },
  "modules/recharge/actions.ts#createRechargeOrderAction": { ability: "self.service", input: INVALID },
  "modules/recharge/actions.ts#resumePaymentAction": { ability: "self.service", input: (ids) => ({ orderNo: ids.canaryOrderNo }) },
  "modules/recharge/actions.ts#cancelOrderAction": { ability: "self.service", input: (ids) => ({ orderNo: ids.canaryOrderNo }) },
  "modules/recharge/actions.ts#counterLookupAction": { ability: "counter.recharge", input: (ids) => ({ studentNo: ids.canaryNo }), shows: ALL },
  "modules/recharge/actions.ts#counterRechargeAction": { ability: "counter.recharge", input: (ids) => ({ studentNo: ids.canaryNo }) },
};

function actionRow(a: ActionEntry): Row {
  return row((w) => {
    if (w === "anonymous") return { outcome: "signin" }; // the proxy, before any action runs
    if (w === "forged") return { outcome: "UNAUTHENTICATED" };
    if (!may(w, a.ability)) return { outcome: "FORBIDDEN" };
    if (a.mutatesWithoutInput) return { outcome: "not called" };
    // Allowed: the action ran (a result, a validation error or an expected AppError such as NOT_FOUND).
    return { outcome: "ok", shows: a.shows ?? [] };
  });
}

// ───────────────────────── the file tree ─────────────────────────

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}
const APP = path.join(ROOT_DIR, "app");
const rel = (p: string) => path.relative(ROOT_DIR, p).split(path.sep).join("/");

/** app/(student)/recharge/orders/[orderNo] → /recharge/orders/[orderNo] */
function routeOf(dir: string): string {
  const segs = path
    .relative(APP, dir)
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segs.join("/")}`;
}

function discoverPages(): string[] {
  return walk(APP)
    .filter((f) => /^page\.(tsx?|jsx?|mdx)$/.test(path.basename(f)))
    .map((f) => routeOf(path.dirname(f)))
    .sort();
}

const METADATA_ROUTES: Record<string, string> = { "manifest.ts": "/manifest.webmanifest", "robots.ts": "/robots.txt", "sitemap.ts": "/sitemap.xml" };
function discoverRoutes(): string[] {
  const keys: string[] = [];
  for (const f of walk(APP)) {
    const base = path.basename(f);
    if (/^route\.(ts|js)$/.test(base)) {
      const methods = new Set<string>();
      for (const line of readFileSync(f, "utf8").split("\n")) {
        if (!line.startsWith("export")) continue;
        for (const m of line.matchAll(/\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(m[1]!);
      }
      if (methods.size === 0) throw new Error(`${rel(f)} exports no HTTP method this test recognises`);
      for (const m of methods) keys.push(`${m} ${routeOf(path.dirname(f))}`);
    } else if (METADATA_ROUTES[base] || /^(icon|apple-icon|opengraph-image|twitter-image)\.(tsx?|jsx?)$/.test(base)) {
      const dir = routeOf(path.dirname(f));
      keys.push(`GET ${(dir === "/" ? "" : dir) + (METADATA_ROUTES[base] ?? `/${base.replace(/\.(tsx?|jsx?)$/, "")}`)}`);
    }
  }
  return keys.sort();
}

/** Every exported *Action of a module whose first statement is "use server". */
function discoverActions(): string[] {
  const keys: string[] = [];
  for (const root of ["app", "modules", "lib"]) {
    for (const f of walk(path.join(ROOT_DIR, root))) {
      if (!/\.(ts|tsx)$/.test(f)) continue;
      const src = readFileSync(f, "utf8");
      if (!/^(\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use server["']/.test(src)) continue;
      for (const m of src.matchAll(/^export\s+(?:const|async\s+function|function)\s+(\w+)/gm)) keys.push(`${rel(f)}#${m[1]}`);
    }
  }
  return keys.sort();
}

/** The built action ids: .next/server/server-reference-manifest.json (filename + exportedName per id). */
function actionIds(): Map<string, { id: string; worker: string }> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT_DIR, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const ids = new Map<string, { id: string; worker: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName)
      throw new Error("server-reference-manifest.json has no filename/exportedName: update this test for the Next.js version");
    const worker = Object.keys(entry.workers).find((w) => w.endsWith("/page"));
    if (worker) ids.set(`${entry.filename}#${entry.exportedName}`, { id, worker });
  }
  return ids;
}

// ───────────────────────── the canary ─────────────────────────

function databaseUrl(): string {
  return (JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string }).databaseUrl;
}

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

interface Canary extends Ids {
  needles: Record<Needle, RegExp[]>;
}

async function seedCanary(): Promise<Canary> {
  const db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
  try {
    const suffix = randomBytes(3).toString("hex").toUpperCase();
    const canaryName = `金丝雀测试员${suffix}`;
    const canaryNo = `8${String(randomInt(100_000_000, 999_999_999))}`;
    // An eight-digit fen balance (¥123,456.78-like): its digits are unlikely anywhere else.
    const fen = BigInt(randomInt(10_000_000, 99_999_999));
    const yuan = `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
    const yuanGrouped = Number(yuan).toLocaleString("en-US", { minimumFractionDigits: 2 });
    // A day long ago, so no other test's "today" sees the canary's order.
    const at = new Date(Date.UTC(2024, 0, 1, 2, 0, 0) + randomInt(0, 300) * 86_400_000);
    const sfx = Array.from({ length: 6 }, () => ALNUM[randomInt(ALNUM.length)]).join("");
    const canaryOrderNo = `R${shanghaiDateTime(at).replace(/[-: ]/g, "")}${sfx}`;
    const canaryDay = dayKey(at);
    const [userId, walletId, entryId, orderId, runId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const txn = `4200${String(randomInt(1e9, 9e9))}${String(randomInt(1e9, 9e9))}`;
    await db.query("BEGIN");
    await db.query(
      `INSERT INTO "users" ("id","studentNo","name","role","status","college","createdAt","updatedAt") VALUES ($1,$2,$3,'STUDENT','ACTIVE','金丝雀学院',$4,$4)`,
      [userId, canaryNo, canaryName, at],
    );
    await db.query(`INSERT INTO "ledger_accounts" ("id","code","kind","userId","createdAt") VALUES ($1,$2,'STUDENT_WALLET',$3,$4)`, [
      walletId,
      `wallet:${userId}`,
      userId,
      at,
    ]);
    await db.query(`INSERT INTO "journal_entries" ("id","idempotencyKey","kind","memo","createdAt","createdById") VALUES ($1,$2,'RECHARGE',$3,$4,$5)`, [
      entryId,
      `recharge:SANDBOX:${txn}`,
      `recharge ${canaryOrderNo}`,
      at,
      userId,
    ]);
    await db.query(
      `INSERT INTO "postings" ("entryId","accountId","amountFen","createdAt")
       SELECT $1::uuid, (SELECT "id" FROM "ledger_accounts" WHERE "code" = 'source:sandbox'), -$3::bigint, $4::timestamptz UNION ALL SELECT $1::uuid, $2::uuid, $3::bigint, $4::timestamptz`,
      [entryId, walletId, fen.toString(), at],
    );
    await db.query(
      `INSERT INTO "recharge_orders" ("id","orderNo","userId","createdById","channel","amountFen","state","gatewayTxnId","paidAmountFen","paidAfterClose","journalEntryId","expiresAt","paidAt","creditedAt","createdAt","updatedAt")
       VALUES ($1,$2,$3,$3,'SANDBOX',$4,'CREDITED',$5,$4,false,$6,$7::timestamptz + interval '15 minutes',$7::timestamptz + interval '1 minute',$7::timestamptz + interval '1 minute',$7,$7)`,
      [orderId, canaryOrderNo, userId, fen.toString(), txn, entryId, at],
    );
    await db.query(
      `INSERT INTO "order_events" ("orderId","fromState","toState","note","at") VALUES ($1,NULL,'CREATED',NULL,$2),($1,'CREATED','PAID',NULL,$2),($1,'PAID','CREDITED',NULL,$2)`,
      [orderId, at],
    );
    const summary = {
      mode: "QUERY",
      statementCount: 1,
      statementTotalFen: fen.toString(),
      creditedCount: 1,
      creditedTotalFen: fen.toString(),
      matched: 1,
      paidNotCredited: 0,
      repaired: 0,
      amountMismatch: 0,
      creditedNotInStatement: 0,
      unknownOrders: 0,
      secondPayments: 0,
    };
    const items = [
      {
        type: "MATCHED",
        orderNo: canaryOrderNo,
        gatewayTxnId: txn,
        statementAmountFen: fen.toString(),
        orderAmountFen: fen.toString(),
        orderState: "CREDITED",
        action: "none",
      },
    ];
    await db.query(`INSERT INTO "reconciliation_runs" ("id","channel","day","summary","items","repaired","createdAt") VALUES ($1,'SANDBOX',$2,$3,$4,0,$5)`, [
      runId,
      canaryDay,
      JSON.stringify(summary),
      JSON.stringify(items),
      at,
    ]);
    await db.query("COMMIT");

    const own = await db.query(
      `SELECT o."orderNo" FROM "recharge_orders" o JOIN "users" u ON u."id" = o."userId" WHERE u."studentNo" = $1 AND o."createdById" = o."userId" AND o."state" = 'CREDITED' ORDER BY o."createdAt" LIMIT 1`,
      [DEMO.student],
    );
    if (!own.rows[0]) throw new Error(`the e2e seed gave ${DEMO.student} no credited online order to check ownership with`);
    const digits = (s: string) => new RegExp(`(?<![0-9])${s.replace(/[.,]/g, "\\$&")}(?![0-9])`);
    return {
      canaryNo,
      canaryName,
      canaryOrderNo,
      canaryDay,
      runId,
      ownOrderNo: String(own.rows[0].orderNo),
      unknownTradeNo: `E2E${randomBytes(8).toString("hex").toUpperCase()}`,
      needles: {
        name: [new RegExp(canaryName), new RegExp(suffix)],
        studentNo: [digits(canaryNo)],
        balance: [digits(yuanGrouped), digits(yuan), digits(fen.toString())],
        orderNo: [new RegExp(canaryOrderNo)],
      },
    };
  } catch (e) {
    await db.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await db.end();
  }
}

// ───────────────────────── requests and classification ─────────────────────────

const FALLBACK = /NEXT_HTTP_ERROR_FALLBACK;(\d{3})/;
const REDIRECT = /NEXT_REDIRECT;(?:replace|push);([^;"]+);/;

function classify(res: APIResponse, body: string): Outcome {
  const status = res.status();
  if (status >= 300 && status < 400) {
    const to = res.headers()["location"] ?? "";
    return new URL(to, "http://x").pathname === "/signin" ? "signin" : "redirect";
  }
  if (status === 401) return "unauthenticated";
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status >= 400 && status < 500) return "refused";
  if (status >= 500) return "error";
  // 200 with a streamed notFound()/forbidden()/redirect() (the status was sent before the page threw).
  const fallback = FALLBACK.exec(body);
  if (fallback) return fallback[1] === "404" ? "notfound" : fallback[1] === "403" ? "forbidden" : fallback[1] === "401" ? "unauthenticated" : "error";
  const redirect = REDIRECT.exec(body);
  if (redirect) return decodeURIComponent(redirect[1]!).startsWith("/signin") ? "signin" : "redirect";
  return "ok";
}

/** The canary's needles in `body`, except those `shows` allows and those the requester typed into the URL itself. */
function leaks(canary: Canary, body: string, shows: readonly Needle[] = [], url = ""): string[] {
  const found: string[] = [];
  for (const [kind, res] of Object.entries(canary.needles) as [Needle, RegExp[]][]) {
    if (shows.includes(kind) || res.some((re) => re.test(url))) continue;
    for (const re of res) if (re.test(body)) found.push(`${kind} (${re.source})`);
  }
  return found;
}

const accepts = (cell: Cell, got: Outcome) => (Array.isArray(cell.outcome) ? cell.outcome : [cell.outcome]).includes(got);

/** Run `jobs` with at most `n` at a time. */
async function pool<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

// ───────────────────────── the test ─────────────────────────

interface Result {
  key: string;
  url: string;
  who: Who;
  got: string;
  ok: boolean;
  problem?: string;
}

const matrix: Result[] = [];

test.describe("authorization matrix", () => {
  let canary: Canary;
  const contexts = new Map<Who, APIRequestContext>();

  test.beforeAll(async ({ storageStateFor }, testInfo) => {
    testInfo.setTimeout(120_000);
    canary = await seedCanary();
    const baseURL = testInfo.project.use.baseURL!;
    for (const who of WHO) {
      const login = LOGIN[who];
      const forged = { cookie: `next-auth.session-token=forged.${randomBytes(24).toString("base64url")}` };
      contexts.set(
        who,
        await playwrightRequest.newContext({
          baseURL,
          storageState: login ? await storageStateFor(login) : { cookies: [], origins: [] },
          extraHTTPHeaders: { "accept-language": "zh-CN", ...(who === "forged" ? forged : {}) },
        }),
      );
    }
  });

  test.afterAll(async ({}, testInfo) => {
    await Promise.all([...contexts.values()].map((c) => c.dispose()));
    if (matrix.length === 0) return;
    // The matrix: one line per route × identity column.
    const keys = [...new Set(matrix.map((r) => `${r.key}  ${r.url}`))];
    const cell = (k: string, w: Who) => matrix.filter((r) => `${r.key}  ${r.url}` === k && r.who === w).map((r) => r.got + (r.ok ? "" : "✗"))[0] ?? "";
    const width = Math.max(...keys.map((k) => k.length));
    const lines = [`${"route".padEnd(width)} | ${WHO.map((w) => w.padEnd(14)).join(" | ")}`];
    for (const k of keys) lines.push(`${k.padEnd(width)} | ${WHO.map((w) => cell(k, w).padEnd(14)).join(" | ")}`);
    const failed = matrix.filter((r) => !r.ok);
    lines.push(
      "",
      `${keys.length} routes/actions × ${WHO.length} identities = ${keys.length * WHO.length} cells; ${matrix.length} checks (pages count HTML and RSC as one cell); ${failed.length} failed`,
    );
    const text = lines.join("\n");
    console.log(text);
    await testInfo.attach("authz-matrix.txt", { body: text, contentType: "text/plain" });
  });

  function record(key: string, url: string, who: Who, got: string, problems: string[]) {
    matrix.push({ key, url, who, got, ok: problems.length === 0, problem: problems.join("; ") || undefined });
  }
  function failures(keys: string[]) {
    return matrix.filter((r) => keys.includes(r.key) && !r.ok).map((r) => `${r.key} ${r.url} as ${r.who}: ${r.problem}`);
  }

  test("every page, route and action in the tree has an entry", () => {
    expect.soft(discoverPages(), "pages under app/ (add new ones to PAGES)").toEqual(Object.keys(PAGES).sort());
    expect.soft(discoverRoutes(), "route handlers under app/ (add new ones to ROUTES)").toEqual(Object.keys(ROUTES).sort());
    expect.soft(discoverActions(), "server actions (add new ones to ACTIONS)").toEqual(Object.keys(ACTIONS).sort());
  });

  test("pages: outcome and no canary in the HTML or the RSC payload", async () => {
    test.setTimeout(300_000);
    const jobs: (() => Promise<void>)[] = [];
    for (const [key, cases] of Object.entries(PAGES)) {
      for (const c of cases(canary)) {
        for (const who of WHO) {
          jobs.push(async () => {
            const cell = c.row[who];
            const ctx = contexts.get(who)!;
            const problems: string[] = [];
            const outcomes: Outcome[] = [];
            for (const rsc of [false, true]) {
              const headers: Record<string, string> = rsc ? { RSC: "1" } : {};
              let res = await ctx.get(c.url, { maxRedirects: 0, headers });
              // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect to the same path with it.
              const to = res.status() >= 300 && res.status() < 400 ? new URL(res.headers()["location"] ?? "", "http://x") : null;
              if (rsc && to && to.pathname === new URL(c.url, "http://x").pathname && to.searchParams.has("_rsc"))
                res = await ctx.get(`${to.pathname}${to.search}`, { maxRedirects: 0, headers });
              const body = await res.text();
              const got = classify(res, body);
              outcomes.push(got);
              const kind = rsc ? "RSC" : "HTML";
              if (!accepts(cell, got)) problems.push(`${kind}: expected ${String(cell.outcome)}, got ${got} (${res.status()})`);
              const leaked = leaks(canary, body, cell.shows, c.url);
              if (leaked.length) problems.push(`${kind} (${got}) carries the canary's ${leaked.join(", ")}`);
            }
            record(key, c.url, who, outcomes[0] === outcomes[1] ? outcomes[0]! : outcomes.join("/"), problems);
          });
        }
      }
    }
    await pool(4, jobs);
    expect(failures(Object.keys(PAGES))).toEqual([]);
  });

  test("route handlers: outcome and no canary in the body", async () => {
    test.setTimeout(180_000);
    const jobs: (() => Promise<void>)[] = [];
    for (const [key, cases] of Object.entries(ROUTES)) {
      const method = key.split(" ")[0]!;
      for (const c of cases(canary)) {
        for (const who of WHO) {
          jobs.push(async () => {
            const cell = c.row[who];
            const res = await contexts.get(who)!.fetch(c.url, { method, maxRedirects: 0, data: c.body, headers: c.headers });
            const body = await res.text();
            const got = classify(res, body);
            const problems: string[] = [];
            if (!accepts(cell, got)) problems.push(`expected ${String(cell.outcome)}, got ${got} (${res.status()}: ${body.slice(0, 120)})`);
            const leaked = leaks(canary, body, cell.shows, c.url);
            if (leaked.length) problems.push(`the body (${got}) carries the canary's ${leaked.join(", ")}`);
            record(key, c.url, who, got, problems);
          });
        }
      }
    }
    await pool(4, jobs);
    expect(failures(Object.keys(ROUTES))).toEqual([]);
  });

  test("server actions: called over HTTP with Next-Action, refused by their client's ability", async ({ baseURL }) => {
    test.setTimeout(180_000);
    const ids = actionIds();
    const fill = (worker: string) =>
      routeOf(path.join(ROOT_DIR, worker.replace(/\/page$/, "")))
        .replace("[orderNo]", canary.ownOrderNo)
        .replace("[studentNo]", canary.canaryNo)
        .replace("[runId]", canary.runId)
        .replace("[outTradeNo]", canary.unknownTradeNo);
    const jobs: (() => Promise<void>)[] = [];
    for (const [key, entry] of Object.entries(ACTIONS)) {
      const built = ids.get(key);
      const expected = actionRow(entry);
      for (const who of WHO) {
        jobs.push(async () => {
          if (!built) return record(key, "-", who, "not exposed", []); // no client imports it: it cannot be called
          const cell = expected[who];
          if (accepts(cell, "not called")) return record(key, fill(built.worker), who, "not called", []);
          const url = fill(built.worker);
          const input = entry.input(canary);
          // The client's encoding of plain JSON arguments (React's encodeReply): a JSON array as text.
          const res = await contexts.get(who)!.post(url, {
            maxRedirects: 0,
            headers: { "next-action": built.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: new URL(baseURL!).origin },
            data: JSON.stringify(input === undefined ? [] : [input]),
          });
          const body = await res.text();
          let got: Outcome = classify(res, body);
          const serverError = /"serverError":\{"code":"(\w+)"/.exec(body)?.[1];
          // Any other expected error (NOT_FOUND, RATE_LIMITED, …) means the action ran past its guard.
          if (got === "ok" && (serverError === "UNAUTHENTICATED" || serverError === "FORBIDDEN")) got = serverError;
          if (got === "ok" && serverError === "INTERNAL") got = "error";
          const problems: string[] = [];
          if (got === "ok" && !/"(data|validationErrors|serverError)"/.test(body) && !/^\d+:/m.test(body))
            problems.push(`no action result in the answer: ${body.slice(0, 160)}`);
          if (!accepts(cell, got)) problems.push(`expected ${String(cell.outcome)}, got ${got} (${res.status()}: ${body.slice(0, 160)})`);
          // The page an action is posted to may carry the canary's number in its own path (the user page): the
          // caller typed it, and a refusal's sign-in redirect repeats it; anything else of the canary is a leak.
          const leaked = leaks(canary, body, cell.shows, url);
          if (leaked.length) problems.push(`the answer (${got}) carries the canary's ${leaked.join(", ")}`);
          record(key, url, who, got, problems);
        });
      }
    }
    await pool(4, jobs);
    expect(failures(Object.keys(ACTIONS))).toEqual([]);
  });
});
