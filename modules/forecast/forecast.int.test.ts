import { afterAll, describe, expect, it } from "vitest";
import { createUser, ensureCatalogue, giveHolding } from "@/dev/factory";
import { db } from "@/lib/db";
import { dayDate } from "@/lib/time";
import { getForecast } from "./service";

const GB = 1024n ** 3n;
const DAY = 86_400_000;

afterAll(async () => {
  await db().$disconnect();
});

/** A student since long ago with `gb` a day on each of the `days` Shanghai days before `now`'s. */
async function studentWithUsage(now: Date, gb: bigint, days = 28) {
  const u = await createUser(db());
  await db().user.update({ where: { id: u.id }, data: { createdAt: new Date(now.getTime() - 60 * DAY) } });
  const today = dayDate(now).getTime();
  await db().dailyUsage.createMany({
    data: Array.from({ length: days }, (_, i) => ({ userId: u.id, day: new Date(today - (i + 1) * DAY), uploadBytes: gb / 8n, downloadBytes: gb - gb / 8n })),
  });
  return u;
}

describe("pace forecast on real PostgreSQL", () => {
  it("reads the last four weeks of daily usage and the free quota left: runs out on the 21st, advises P10", async () => {
    await ensureCatalogue(db());
    const now = new Date("2031-03-01T04:00:00Z"); // 12:00 on Mar 1 in Shanghai, the month not touched yet: 20 GB free
    const u = await studentWithUsage(now, GB);
    // a day long before the window does not count
    await db().dailyUsage.create({ data: { userId: u.id, day: new Date("2031-01-10T00:00:00Z"), uploadBytes: 0n, downloadBytes: 500n * GB } });
    const f = await getForecast(u.id, now);
    expect(f?.remainingBytes).toBe(20n * GB);
    expect(f?.forecast).toMatchObject({ kind: "RUNS_OUT", runOutDay: "2031-03-21", paceBytesPerDay: GB });
    if (f?.forecast.kind === "RUNS_OUT") expect(f.forecast.advice).toMatchObject({ kind: "BUY", package: { code: "P10" } });
  });

  it("a live package counts: the same pace lasts the month", async () => {
    const now = new Date("2031-03-01T04:00:00Z");
    const u = await studentWithUsage(now, GB);
    await giveHolding(db(), u.id, "P20", { at: new Date(now.getTime() - 3600_000) });
    const f = await getForecast(u.id, now);
    expect(f?.remainingBytes).toBe(80n * GB);
    expect(f?.forecast).toMatchObject({ kind: "LASTS", advice: { kind: "NONE_NEEDED" } });
  });

  it("a brand-new student gets no forecast; an unknown id none at all", async () => {
    const u = await createUser(db());
    expect((await getForecast(u.id))?.forecast).toEqual({ kind: "NO_HISTORY", historyDays: 0 });
    expect(await getForecast("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
