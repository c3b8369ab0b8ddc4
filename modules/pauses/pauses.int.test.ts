import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, ensureCatalogue, giveHolding, packageByCode } from "@/dev/factory";
import { shanghaiDayRange } from "@/lib/time";
import { exchangePackage, listExchanges } from "@/modules/packages/service";
import { getServicePolicy } from "@/modules/policy/service";
import { getQuotaSummary } from "@/modules/quota/service";
import { sweepSpeedTransitions } from "@/modules/radius/speed-sweep.service";
import { cancelPause, getPauseOverview, pauseDays, requestPause, resumeEarly, runPauseTransitions, staffCancelPause, staffRequestPause } from "./service";

const DAY = 86_400_000;
/** 00:00 Asia/Shanghai of a day */
const midnight = (day: string) => shanghaiDayRange(day).from;
const at = (iso: string) => new Date(iso);

async function holdingOf(userId: string) {
  return db().packageHolding.findFirstOrThrow({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, state: true, expiresAt: true, frozenRemainingMs: true },
  });
}
const statusOf = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId }, select: { status: true } })).status;
const auditCount = (userId: string, action: string) => db().auditLog.count({ where: { subjectId: userId, action } });

describe("停机保号: a pause that freezes the package", () => {
  beforeAll(() => ensureCatalogue(db()));

  it("a scheduled pause across a month end (Asia/Shanghai) freezes the package and gives back exactly its days; the job twice and late does each step once", async () => {
    const u = await createUser(db());
    // Package bought 2027-01-10 10:00 Shanghai: valid until 2027-02-10 10:00.
    await giveHolding(db(), u.id, "P10", { at: at("2027-01-10T10:00:00+08:00") });
    const expires = (await holdingOf(u.id)).expiresAt;
    expect(expires).toEqual(at("2027-02-10T10:00:00+08:00"));

    // The winter holiday: 2027-01-25 00:00 to 2027-02-05 00:00 Shanghai (11 days), asked for on the 20th.
    const { pause } = await requestPause(u.id, { startsAt: midnight("2027-01-25"), endsAt: midnight("2027-02-05") }, at("2027-01-20T12:00:00+08:00"));
    expect(pause).toMatchObject({ state: "SCHEDULED", days: 11, startsAt: at("2027-01-24T16:00:00Z"), endsAt: at("2027-02-04T16:00:00Z") });
    expect(await statusOf(u.id)).toBe("ACTIVE");

    // A minute before the start day nothing happens.
    await runPauseTransitions(at("2027-01-24T23:59:00+08:00"));
    expect((await holdingOf(u.id)).state).toBe("ACTIVE");

    // The job runs 30 s after midnight, then again: the pause starts once, frozen from the actual start.
    const start = at("2027-01-25T00:00:30+08:00");
    await runPauseTransitions(start);
    await runPauseTransitions(new Date(start.getTime() + 60_000));
    let h = await holdingOf(u.id);
    expect(h.state).toBe("FROZEN");
    expect(h.frozenRemainingMs).toBe(BigInt(expires.getTime() - start.getTime()));
    expect(await statusOf(u.id)).toBe("PAUSED");
    expect(await auditCount(u.id, "account.pause.start")).toBe(1);

    // Across the month end: February's free quota is February's as usual; the frozen package is not live.
    const feb = await getQuotaSummary(u.id, at("2027-02-02T12:00:00+08:00"));
    expect(feb.month).toBe("2027-02");
    expect(feb.package).toBeNull();

    // The job is 3 minutes late on the resume day, and runs twice: the package has exactly its remaining validity from then.
    const end = at("2027-02-05T00:03:00+08:00");
    await runPauseTransitions(end);
    await runPauseTransitions(new Date(end.getTime() + 60_000));
    h = await holdingOf(u.id);
    expect(h.state).toBe("ACTIVE");
    expect(h.frozenRemainingMs).toBeNull();
    expect(h.expiresAt.getTime()).toBe(end.getTime() + (expires.getTime() - start.getTime()));
    expect(await statusOf(u.id)).toBe("ACTIVE");
    expect(await auditCount(u.id, "account.pause.end")).toBe(1);
    const p = await db().accountPause.findUniqueOrThrow({ where: { id: pause.id } });
    expect(p).toMatchObject({ state: "ENDED", startedAt: start, endedAt: end });
    const after = await getQuotaSummary(u.id, at("2027-02-06T12:00:00+08:00"));
    expect(after.package?.expiresAt).toEqual(h.expiresAt);
    expect(after.speedMode).toBe("HIGH_SPEED");
  });

  it("the length must be within the policy: min−1 and max+1 days refused, exactly min and max allowed", async () => {
    const { pauseMinDays: min, pauseMaxDays: max } = await getServicePolicy();
    const now = at("2027-03-01T12:00:00+08:00");
    const dayAfter = (day: string, n: number) => new Date(midnight(day).getTime() + n * DAY);
    const u = await createUser(db());

    // Pausing now: the start day counts in full.
    await expect(requestPause(u.id, { startsAt: null, endsAt: dayAfter("2027-03-01", min - 1) }, now)).rejects.toMatchObject({
      code: "PAUSE_LENGTH_INVALID",
      params: { min, max, days: min - 1 },
    });
    const exactMin = await requestPause(u.id, { startsAt: null, endsAt: dayAfter("2027-03-01", min) }, now);
    expect(exactMin.pause).toMatchObject({ state: "ACTIVE", days: min });
    await resumeEarly(u.id, new Date(now.getTime() + 3600_000));

    // Scheduled: from the start day to the resume day.
    await expect(requestPause(u.id, { startsAt: midnight("2027-03-10"), endsAt: dayAfter("2027-03-10", max + 1) }, now)).rejects.toMatchObject({
      code: "PAUSE_LENGTH_INVALID",
      params: { days: max + 1 },
    });
    const exactMax = await requestPause(u.id, { startsAt: midnight("2027-03-10"), endsAt: dayAfter("2027-03-10", max) }, now);
    expect(exactMax.pause).toMatchObject({ state: "SCHEDULED", days: max });
    expect(pauseDays(exactMax.pause.startsAt, exactMax.pause.endsAt)).toBe(max);

    // One open pause at a time.
    await expect(requestPause(u.id, { startsAt: midnight("2027-04-10"), endsAt: dayAfter("2027-04-10", min) }, now)).rejects.toMatchObject({
      code: "PAUSE_ALREADY_OPEN",
    });
    await cancelPause(u.id, now);

    // Dates: a resume day that is not a Shanghai midnight, a start day already past, or more than a year ahead.
    await expect(requestPause(u.id, { startsAt: null, endsAt: new Date(dayAfter("2027-03-01", min).getTime() + 1) }, now)).rejects.toMatchObject({
      code: "PAUSE_DATE_INVALID",
    });
    await expect(requestPause(u.id, { startsAt: midnight("2027-02-28"), endsAt: dayAfter("2027-02-28", min) }, now)).rejects.toMatchObject({
      code: "PAUSE_DATE_INVALID",
    });
    await expect(requestPause(u.id, { startsAt: midnight("2028-04-01"), endsAt: dayAfter("2028-04-01", min) }, now)).rejects.toMatchObject({
      code: "PAUSE_DATE_INVALID",
    });
    // Today's date as the start day means now.
    const today = await requestPause(u.id, { startsAt: midnight("2027-03-01"), endsAt: dayAfter("2027-03-01", min) }, now);
    expect(today.pause).toMatchObject({ state: "ACTIVE", startedAt: now });
    await resumeEarly(u.id, now);
  });

  it("resuming early gives back exactly the remaining validity, counted from the resume", async () => {
    const u = await createUser(db());
    await giveHolding(db(), u.id, "P5", { at: at("2027-05-01T08:00:00+08:00") });
    const expires = (await holdingOf(u.id)).expiresAt;
    const t0 = at("2027-05-11T13:14:15.678+08:00");
    const { pause } = await requestPause(u.id, { startsAt: null, endsAt: midnight("2027-06-01") }, t0);
    expect(pause.state).toBe("ACTIVE");
    expect(await statusOf(u.id)).toBe("PAUSED");
    const overview = await getPauseOverview(u.id, at("2027-05-15T00:00:00+08:00"));
    expect(overview.holding).toMatchObject({ frozen: true, remainingMs: expires.getTime() - t0.getTime() });
    expect(overview.open?.id).toBe(pause.id);

    const t1 = at("2027-05-20T09:00:00.001+08:00");
    const r = await resumeEarly(u.id, t1);
    expect(r.expiresAt?.getTime()).toBe(t1.getTime() + (expires.getTime() - t0.getTime()));
    expect(await holdingOf(u.id)).toMatchObject({ state: "ACTIVE", expiresAt: r.expiresAt, frozenRemainingMs: null });
    expect(await statusOf(u.id)).toBe("ACTIVE");
    expect(await db().accountPause.findUniqueOrThrow({ where: { id: pause.id }, select: { state: true, endedAt: true } })).toEqual({
      state: "ENDED",
      endedAt: t1,
    });
    // The job at the planned end finds nothing to do.
    await runPauseTransitions(midnight("2027-06-01"));
    expect((await holdingOf(u.id)).expiresAt).toEqual(r.expiresAt);
    await expect(resumeEarly(u.id, t1)).rejects.toMatchObject({ code: "PAUSE_NOT_ACTIVE" });
  });

  it("a cancelled scheduled pause never starts; cancelling twice or a started one is refused", async () => {
    const u = await createUser(db());
    await giveHolding(db(), u.id, "P5", { at: at("2027-07-01T08:00:00+08:00") });
    const now = at("2027-07-02T08:00:00+08:00");
    const { pause } = await requestPause(u.id, { startsAt: midnight("2027-07-10"), endsAt: midnight("2027-07-20") }, now);
    const cancelled = await cancelPause(u.id, now);
    expect(cancelled).toMatchObject({ id: pause.id, state: "CANCELLED" });
    await expect(cancelPause(u.id, now)).rejects.toMatchObject({ code: "PAUSE_NOT_SCHEDULED" });
    await runPauseTransitions(at("2027-07-10T00:01:00+08:00"));
    expect((await holdingOf(u.id)).state).toBe("ACTIVE");
    expect(await statusOf(u.id)).toBe("ACTIVE");
    expect(await auditCount(u.id, "account.pause.cancel")).toBe(1);

    // A started pause is ended by resuming, not cancelled.
    await requestPause(u.id, { startsAt: null, endsAt: midnight("2027-07-20") }, now);
    await expect(cancelPause(u.id, now)).rejects.toMatchObject({ code: "PAUSE_NOT_SCHEDULED" });
    await resumeEarly(u.id, now);
  });

  it("a FROZEN package is not live, never expired by a sweep, and exchanging while paused is refused", async () => {
    const u = await createUser(db());
    await giveHolding(db(), u.id, "P10", { at: at("2027-08-01T08:00:00+08:00") });
    const expires = (await holdingOf(u.id)).expiresAt; // 2027-09-01 08:00
    await requestPause(u.id, { startsAt: null, endsAt: midnight("2027-09-20") }, at("2027-08-25T08:00:00+08:00"));
    const frozen = await holdingOf(u.id);
    expect(frozen.state).toBe("FROZEN");

    // Its original expiry passes during the pause: the speed sweep and an exchange attempt leave it alone.
    const later = new Date(expires.getTime() + 60_000);
    await sweepSpeedTransitions({ now: later, since: new Date(expires.getTime() - 60_000) });
    const pkg = await packageByCode(db(), "P5");
    await expect(exchangePackage({ userId: u.id, packageId: pkg.id, requestKey: `pause-${u.id}`, now: later })).rejects.toMatchObject({
      code: "ACCOUNT_NOT_ACTIVE",
    });
    expect(await holdingOf(u.id)).toEqual(frozen);
    const q = await getQuotaSummary(u.id, later);
    expect(q.package).toBeNull();
    // The exchange log says frozen, not expired.
    expect((await listExchanges(u.id, {}, later)).items[0]?.state).toBe("FROZEN");

    // Back on the resume day with the 7 days it had left.
    await runPauseTransitions(midnight("2027-09-20"));
    const back = await holdingOf(u.id);
    expect(back).toMatchObject({ id: frozen.id, state: "ACTIVE", expiresAt: new Date(midnight("2027-09-20").getTime() + 7 * DAY) });
    expect((await getQuotaSummary(u.id, midnight("2027-09-21"))).package?.holdingId).toBe(frozen.id);
  });

  it("two job runs at once start and end a pause once; a double submit makes one pause", async () => {
    const u = await createUser(db());
    await giveHolding(db(), u.id, "P5", { at: at("2027-06-01T08:00:00+08:00") });
    const expires = (await holdingOf(u.id)).expiresAt;
    const now = at("2027-06-02T08:00:00+08:00");
    const dates = { startsAt: midnight("2027-06-05"), endsAt: midnight("2027-06-15") };
    const both = await Promise.allSettled([requestPause(u.id, dates, now), requestPause(u.id, dates, now)]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "PAUSE_ALREADY_OPEN" } });

    const start = at("2027-06-05T00:00:10+08:00");
    await Promise.all([runPauseTransitions(start), runPauseTransitions(start)]);
    expect(await auditCount(u.id, "account.pause.start")).toBe(1);
    expect((await holdingOf(u.id)).frozenRemainingMs).toBe(BigInt(expires.getTime() - start.getTime()));
    const end = at("2027-06-15T00:00:10+08:00");
    await Promise.all([runPauseTransitions(end), runPauseTransitions(end), resumeEarly(u.id, end).catch(() => null)]);
    expect((await auditCount(u.id, "account.pause.end")) + (await auditCount(u.id, "account.resume"))).toBe(1);
    expect(await holdingOf(u.id)).toMatchObject({ state: "ACTIVE", expiresAt: new Date(end.getTime() + expires.getTime() - start.getTime()) });
  });

  it("a pause without a package pauses the account only; suspended accounts are refused", async () => {
    const u = await createUser(db());
    const { pause } = await requestPause(u.id, { startsAt: null, endsAt: midnight("2027-10-20") }, at("2027-10-01T10:00:00+08:00"));
    expect(pause.state).toBe("ACTIVE");
    expect((await getPauseOverview(u.id, at("2027-10-02T10:00:00+08:00"))).holding).toBeNull();
    await runPauseTransitions(midnight("2027-10-20"));
    expect(await statusOf(u.id)).toBe("ACTIVE");
    const s = await createUser(db(), { status: "SUSPENDED" });
    await expect(requestPause(s.id, { startsAt: null, endsAt: midnight("2027-10-20") }, at("2027-10-01T10:00:00+08:00"))).rejects.toMatchObject({
      code: "ACCOUNT_SUSPENDED",
    });
    await expect(resumeEarly(s.id)).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED" });
  });

  it("staff versions need a reason and audit the staff member", async () => {
    const staff = await createUser(db(), { role: "OPERATOR" });
    const u = await createUser(db());
    const now = at("2027-11-01T10:00:00+08:00");
    await expect(staffRequestPause(staff.id, u.id, { startsAt: midnight("2027-12-01"), endsAt: midnight("2027-12-20") }, "  ", now)).rejects.toMatchObject({
      code: "REASON_REQUIRED",
    });
    await staffRequestPause(staff.id, u.id, { startsAt: midnight("2027-12-01"), endsAt: midnight("2027-12-20") }, "寒假离校，电话申请", now);
    await staffCancelPause(staff.id, u.id, "学生改期", now);
    const rows = await db().auditLog.findMany({ where: { subjectId: u.id }, orderBy: { id: "asc" }, select: { actorId: true, action: true, data: true } });
    expect(rows).toEqual([
      expect.objectContaining({ actorId: staff.id, action: "account.pause", data: expect.objectContaining({ reason: "寒假离校，电话申请" }) }),
      expect.objectContaining({ actorId: staff.id, action: "account.pause.cancel", data: expect.objectContaining({ reason: "学生改期" }) }),
    ]);
  });
});
