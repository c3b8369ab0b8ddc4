import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth";
import { formatBytes, formatDate, formatDateTime } from "@/lib/format";
import { formatFen } from "@/lib/money";
import { can } from "@/lib/roles";
import { readUserForStaff } from "@/modules/accounts/service";
import { studentNoSchema } from "@/modules/admin/schemas";
import { listAudit } from "@/modules/audit/service";
import {
  kickAllSessionsAction,
  kickSessionAction,
  resetNetworkPasswordAction,
  resumeAccountAction,
  setDeviceBlockedAction,
  suspendAccountAction,
  unlockNetworkLoginAction,
} from "@/modules/helpdesk/actions";
import { AdjustmentForm } from "@/modules/helpdesk/components/adjustment-form";
import { StaffAction } from "@/modules/helpdesk/components/staff-action";
import { getNetworkLoginState, listAppealsOf, listOrdersOf, listQuotaAdjustments, listWalletLedger } from "@/modules/helpdesk/service";
import { getWalletBalance } from "@/modules/ledger/service";
import { listDevices, listLiveSessions } from "@/modules/network/service";
import { listNotifications } from "@/modules/notifications/service";
import { toNotificationView } from "@/modules/notifications/components/notification-view";
import { listExchanges } from "@/modules/packages/service";
import { getQuotaSummary } from "@/modules/quota/service";

const STATE_TONE = { ACTIVE: "green", USED_UP: "gray", EXPIRED: "gray", REFUNDED: "amber", FROZEN: "blue" } as const;
const STATUS_TONE = { ACTIVE: "green", PAUSED: "blue", SUSPENDED: "red", CLOSED: "gray" } as const;

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      {children}
    </Card>
  );
}

export default async function AdminUserPage({ params }: { params: Promise<{ studentNo: string }> }) {
  const staff = await requireStaff("users.view", "/admin/users");
  const parsed = studentNoSchema.safeParse(decodeURIComponent((await params).studentNo));
  if (!parsed.success) notFound();
  const user = await readUserForStaff(staff, parsed.data);
  if (!user) notFound();
  const [t, ta, tc, tn, locale, balance, quota, exchanges, sessions, devices, login, ledger, adjustments, orders, appeals, notifications, audit] =
    await Promise.all([
      getTranslations("admin"),
      getTranslations("admin.act"),
      getTranslations("common"),
      getTranslations("notifications.centre"),
      getLocale(),
      getWalletBalance(user.id),
      getQuotaSummary(user.id),
      listExchanges(user.id, { take: 10 }),
      listLiveSessions(user.id),
      listDevices(user.id),
      getNetworkLoginState(user.id),
      listWalletLedger(user.id, 10),
      listQuotaAdjustments(user.id, 5),
      listOrdersOf(user.id, 10),
      listAppealsOf(user.id, 5),
      listNotifications(user.id, { take: 10 }),
      listAudit({ subjectId: user.id, take: 15 }, staff),
    ]);
  const pkgName = quota.package ? (locale === "en" ? quota.package.nameEn : quota.package.nameZh) : null;
  const mayAct = can(staff.role, "users.act") && staff.id !== user.id;
  const mayQuota = can(staff.role, "users.adjustQuota") && staff.id !== user.id;
  const mayBalance = can(staff.role, "users.adjustBalance") && staff.id !== user.id;
  const subject = user.name;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${user.name} · ${user.studentNo}`}
        description={[tc(`roles.${user.role}`), user.college].filter(Boolean).join(" · ")}
        backHref="/admin/users"
        backLabel={t("users.back")}
      />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Card>
          <CardContent className="pt-5">
            <Stat
              label={ta("status.label")}
              value={
                <Badge tone={STATUS_TONE[user.status]} data-testid="admin-account-status">
                  {ta(`status.${user.status}`)}
                </Badge>
              }
            />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat label={t("detail.balance")} value={<span data-testid="admin-balance">{formatFen(balance, locale)}</span>} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat
              label={t("detail.speedMode")}
              value={
                <Badge tone={quota.speedMode === "HIGH_SPEED" ? "green" : "amber"} data-testid="admin-speed-mode">
                  {t(`speed.${quota.speedMode}`)}
                </Badge>
              }
              sub={t("detail.freeRemaining", { left: formatBytes(quota.freeRemainingBytes, locale), total: formatBytes(quota.freeBytes, locale) })}
            />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="pt-5">
            <Stat
              label={t("detail.package")}
              value={pkgName ?? t("detail.noPackage")}
              sub={
                quota.package
                  ? t("detail.packageLeft", { left: formatBytes(quota.package.remainingBytes, locale), expires: formatDate(quota.package.expiresAt, locale) })
                  : undefined
              }
            />
          </CardContent>
        </Card>
      </div>

      {mayAct ? (
        <Section title={ta("sections.account")} testId="admin-account-actions">
          <CardContent className="flex flex-wrap gap-3">
            {user.status === "SUSPENDED" ? (
              <StaffAction kind="resume" action={resumeAccountAction} input={{ userId: user.id }} subject={subject} testId="admin-resume" />
            ) : (
              <StaffAction kind="suspend" action={suspendAccountAction} input={{ userId: user.id }} subject={subject} testId="admin-suspend" />
            )}
          </CardContent>
        </Section>
      ) : null}

      <Section title={ta("sections.sessions", { count: sessions.length })} testId="admin-sessions">
        {sessions.length === 0 ? (
          <CardContent>
            <EmptyState title={ta("sessions.none")} />
          </CardContent>
        ) : (
          <>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{ta("sessions.device")}</TableHead>
                  <TableHead>{ta("sessions.ip")}</TableHead>
                  <TableHead>{ta("sessions.since")}</TableHead>
                  <TableHead numeric>{ta("sessions.traffic")}</TableHead>
                  {mayAct ? <TableHead>{ta("actions")}</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {sessions.map((s) => (
                  <TableRow key={s.id} data-testid="admin-session-row">
                    <TableCell>{s.deviceName || s.mac || "—"}</TableCell>
                    <TableCell>{s.framedIp ?? "—"}</TableCell>
                    <TableCell>{formatDateTime(s.startedAt, locale)}</TableCell>
                    <TableCell numeric>{formatBytes(s.uploadBytes + s.downloadBytes, locale)}</TableCell>
                    {mayAct ? (
                      <TableCell>
                        <StaffAction
                          kind="kick"
                          action={kickSessionAction}
                          input={{ userId: user.id, sessionId: s.id }}
                          subject={s.deviceName || s.mac || subject}
                        />
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {mayAct && sessions.length > 1 ? (
              <CardContent className="pt-3">
                <StaffAction kind="kickAll" action={kickAllSessionsAction} input={{ userId: user.id }} subject={subject} testId="admin-kick-all" />
              </CardContent>
            ) : null}
          </>
        )}
      </Section>

      <Section title={ta("sections.devices")} testId="admin-devices">
        {devices.length === 0 ? (
          <CardContent>
            <EmptyState title={ta("devices.none")} />
          </CardContent>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{ta("devices.device")}</TableHead>
                <TableHead>{ta("devices.lastSeen")}</TableHead>
                <TableHead>{ta("devices.state")}</TableHead>
                {mayAct ? <TableHead>{ta("actions")}</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {devices.map((d) => (
                <TableRow key={d.id} data-testid="admin-device-row">
                  <TableCell>
                    {d.name || d.mac}
                    {d.name ? <span className="block text-xs text-slate-600">{d.mac}</span> : null}
                  </TableCell>
                  <TableCell>{d.lastSeenAt ? formatDateTime(d.lastSeenAt, locale) : "—"}</TableCell>
                  <TableCell>
                    {d.blocked ? (
                      <Badge tone="red">{ta("devices.blocked")}</Badge>
                    ) : d.online ? (
                      <Badge tone="green">{ta("devices.online")}</Badge>
                    ) : (
                      ta("devices.offline")
                    )}
                  </TableCell>
                  {mayAct ? (
                    <TableCell>
                      <StaffAction
                        kind={d.blocked ? "unblock" : "block"}
                        action={setDeviceBlockedAction}
                        input={{ userId: user.id, deviceId: d.id, blocked: !d.blocked }}
                        subject={d.name || d.mac}
                      />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      <Section title={ta("sections.networkLogin")} testId="admin-network-login">
        <CardContent className="space-y-3">
          <p className="text-sm text-slate-700" data-testid="admin-login-state">
            {!login.hasPassword
              ? ta("login.noPassword")
              : login.lockedUntil
                ? ta("login.locked", { until: formatDateTime(login.lockedUntil, locale), attempts: login.failedAttempts })
                : login.temporaryUntil
                  ? ta("login.temporary", { until: formatDateTime(login.temporaryUntil, locale) })
                  : ta("login.ok")}
          </p>
          {mayAct ? (
            <div className="flex flex-wrap gap-3">
              {login.lockedUntil ? (
                <StaffAction kind="unlock" action={unlockNetworkLoginAction} input={{ userId: user.id }} subject={subject} testId="admin-unlock" />
              ) : null}
              <StaffAction
                kind="resetPassword"
                action={resetNetworkPasswordAction}
                input={{ userId: user.id }}
                subject={subject}
                testId="admin-reset-password"
              />
            </div>
          ) : null}
        </CardContent>
      </Section>

      {mayBalance || mayQuota ? (
        <div className="grid gap-6 lg:grid-cols-2">
          {mayBalance ? (
            <Section title={ta("sections.adjustBalance")}>
              <CardContent>
                <AdjustmentForm kind="balance" userId={user.id} />
              </CardContent>
            </Section>
          ) : null}
          {mayQuota ? (
            <Section title={ta("sections.adjustQuota")}>
              <CardContent>
                <AdjustmentForm kind="quota" userId={user.id} />
              </CardContent>
            </Section>
          ) : null}
        </div>
      ) : null}

      <Section title={ta("sections.ledger")} testId="admin-ledger">
        {ledger.length === 0 ? (
          <CardContent>
            <EmptyState title={ta("ledger.none")} />
          </CardContent>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("detail.time")}</TableHead>
                <TableHead>{ta("ledger.kind")}</TableHead>
                <TableHead>{ta("ledger.memo")}</TableHead>
                <TableHead numeric>{ta("ledger.amount")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {ledger.map((l) => (
                <TableRow key={l.id} data-testid="admin-ledger-row">
                  <TableCell>{formatDateTime(l.at, locale)}</TableCell>
                  <TableCell>{ta(`ledger.kinds.${l.kind as "ADJUSTMENT"}`)}</TableCell>
                  <TableCell className="max-w-64 truncate">{l.memo ?? "—"}</TableCell>
                  <TableCell numeric className={l.amountFen < 0n ? "text-red-700" : "text-green-700"}>
                    {l.amountFen > 0n ? "+" : ""}
                    {formatFen(l.amountFen, locale)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      {adjustments.length > 0 ? (
        <Section title={ta("sections.quotaAdjustments")} testId="admin-quota-adjustments">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("detail.time")}</TableHead>
                <TableHead>{ta("adjust.month")}</TableHead>
                <TableHead>{ta("reason")}</TableHead>
                <TableHead numeric>{ta("adjust.bytes")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {adjustments.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{formatDateTime(a.at, locale)}</TableCell>
                  <TableCell>{a.month}</TableCell>
                  <TableCell className="max-w-64 truncate">{a.reason}</TableCell>
                  <TableCell numeric>
                    {a.bytes > 0n ? "+" : "−"}
                    {formatBytes(a.bytes < 0n ? -a.bytes : a.bytes, locale)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      ) : null}

      <Section title={t("detail.recentExchanges")}>
        {exchanges.items.length === 0 ? (
          <CardContent>
            <EmptyState title={t("detail.noExchanges")} />
          </CardContent>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("detail.time")}</TableHead>
                <TableHead>{t("detail.packageCol")}</TableHead>
                <TableHead numeric>{t("detail.price")}</TableHead>
                <TableHead>{t("detail.state")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {exchanges.items.map((e) => (
                <TableRow key={e.id} data-testid="admin-exchange-row">
                  <TableCell>{formatDateTime(e.createdAt, locale)}</TableCell>
                  <TableCell>{locale === "en" ? e.nameEn : e.nameZh}</TableCell>
                  <TableCell numeric>{formatFen(e.priceFen, locale)}</TableCell>
                  <TableCell>
                    <Badge tone={STATE_TONE[e.state]}>{t(`holding.${e.state}`)}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      <Section title={ta("sections.orders")} testId="admin-orders">
        {orders.length === 0 ? (
          <CardContent>
            <EmptyState title={ta("orders.none")} />
          </CardContent>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("detail.time")}</TableHead>
                <TableHead>{ta("orders.orderNo")}</TableHead>
                <TableHead>{ta("orders.channel")}</TableHead>
                <TableHead numeric>{ta("orders.amount")}</TableHead>
                <TableHead>{t("detail.state")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {orders.map((o) => (
                <TableRow key={o.orderNo}>
                  <TableCell>{formatDateTime(o.createdAt, locale)}</TableCell>
                  <TableCell className="font-mono text-xs">{o.orderNo}</TableCell>
                  <TableCell>{o.channel}</TableCell>
                  <TableCell numeric>{formatFen(o.amountFen, locale)}</TableCell>
                  <TableCell>
                    {o.state}
                    {o.flagged ? (
                      <Badge tone="amber" className="ml-2">
                        {ta("orders.flagged")}
                      </Badge>
                    ) : null}
                    {o.refundedFen > 0n ? (
                      <span className="ml-2 text-xs text-slate-600">{ta("orders.refunded", { amount: formatFen(o.refundedFen, locale) })}</span>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title={ta("sections.appeals")} testId="admin-appeals">
          <CardContent>
            {appeals.length === 0 ? (
              <EmptyState title={ta("appeals.none")} />
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {appeals.map((a) => (
                  <li key={a.id} className="py-2">
                    <span className="font-medium">{ta(`appeals.state.${a.state as "PENDING"}`)}</span> · {formatDateTime(a.createdAt, locale)}
                    <span className="block text-slate-600">{a.reason}</span>
                    {a.decisionReason ? <span className="block text-slate-600">→ {a.decisionReason}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Section>
        <Section title={ta("sections.notifications")} testId="admin-notifications">
          <CardContent>
            {notifications.length === 0 ? (
              <EmptyState title={ta("notifications.none")} />
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {notifications.map((n) => {
                  const v = toNotificationView(n, locale);
                  return (
                    <li key={n.id} className="py-2">
                      <span className="font-medium">{tn(`kinds.${v.key}.title` as "kinds.OTHER.title", v.values)}</span> · {formatDateTime(n.createdAt, locale)}
                      {n.readAt ? null : <Badge className="ml-2">{ta("notifications.unread")}</Badge>}
                    </li>
                  );
                })}
              </ul>
            )}
          </CardContent>
        </Section>
      </div>

      <Section title={ta("sections.audit")} testId="admin-audit">
        {audit.items.length === 0 ? (
          <CardContent>
            <EmptyState title={ta("audit.none")} />
          </CardContent>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("detail.time")}</TableHead>
                <TableHead>{ta("audit.who")}</TableHead>
                <TableHead>{ta("audit.action")}</TableHead>
                <TableHead>{ta("reason")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {audit.items.map((a) => (
                <TableRow key={a.id.toString()} data-testid="admin-audit-row">
                  <TableCell>{formatDateTime(a.at, locale)}</TableCell>
                  <TableCell>{a.actor ? `${a.actor.name} · ${a.actor.studentNo}` : ta("audit.system")}</TableCell>
                  <TableCell className="font-mono text-xs">{a.action}</TableCell>
                  <TableCell className="max-w-64 truncate">{reasonIn(a.data) ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
    </div>
  );
}

function reasonIn(data: unknown): string | null {
  if (typeof data !== "object" || data === null) return null;
  const r = (data as { reason?: unknown }).reason;
  return typeof r === "string" ? r : null;
}
