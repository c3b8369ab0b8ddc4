import { describe, expect, it } from "vitest";
import { dayKey } from "@/lib/time";
import { DEFAULT_PACKAGES } from "@/modules/packages/catalogue";
import { adviceFor, dayWeight, forecast, lastsUntilWith, paceOf, type DayUsage, type ForecastInput } from "./rules";

const GB = 1024n ** 3n;
const DAY = 86_400_000;
const PACKAGES = DEFAULT_PACKAGES.map((p) => ({
  id: p.code,
  code: p.code,
  nameZh: p.nameZh,
  nameEn: p.nameEn,
  priceFen: p.priceFen,
  quotaBytes: p.quotaBytes,
}));
const LONG_AGO = new Date("2026-01-01T00:00:00Z");

/** `days` whole days before `now`'s Shanghai day, each with bytes(daysAgo). */
function history(now: Date, days: number, bytes: (daysAgo: number) => bigint): DayUsage[] {
  return Array.from({ length: days }, (_, i) => ({ day: dayKey(new Date(now.getTime() - (i + 1) * DAY)), bytes: bytes(i + 1) }));
}
const input = (over: Partial<ForecastInput> & { now: Date }): ForecastInput => ({
  usage: history(over.now, 28, () => GB),
  historySince: LONG_AGO,
  remainingBytes: 10n * GB,
  packages: PACKAGES,
  ...over,
});

describe("pace", () => {
  it("weights the last week 4×, then 3×, 2×, 1×", () => {
    expect([1, 7, 8, 14, 15, 21, 22, 28].map(dayWeight)).toEqual([4, 4, 3, 3, 2, 2, 1, 1]);
    const now = new Date("2026-12-10T04:00:00Z");
    // 2 GB a day in the last week, nothing before: 7·4·2 / (7·(4+3+2+1)) = 0.8 GB a day
    const { pace, historyDays } = paceOf(
      history(now, 28, (ago) => (ago <= 7 ? 2n * GB : 0n)),
      LONG_AGO,
      now,
    );
    expect(historyDays).toBe(28);
    expect(pace).toBeCloseTo(0.8 * Number(GB), 0);
  });

  it("ignores today (not over yet) and older days than four weeks", () => {
    const now = new Date("2026-12-10T04:00:00Z");
    const usage = [...history(now, 28, () => GB), { day: dayKey(now), bytes: 50n * GB }, { day: dayKey(new Date(now.getTime() - 40 * DAY)), bytes: 99n * GB }];
    expect(paceOf(usage, LONG_AGO, now).pace).toBeCloseTo(Number(GB), 0);
  });

  it("counts Shanghai days: at 01:00 on the 11th (17:00Z the 10th) yesterday is the 10th", () => {
    const now = new Date("2026-12-10T17:00:00Z");
    const { pace } = paceOf([{ day: "2026-12-10", bytes: 28n * GB }], LONG_AGO, now);
    // the 10th is yesterday (weight 4 of 70)
    expect(pace).toBeCloseTo((4 * 28 * Number(GB)) / 70, 0);
  });

  it("a student with a few days of history: only the whole days since the account exists count", () => {
    const now = new Date("2026-12-10T04:00:00Z"); // 12:00 Shanghai on the 10th
    const since = new Date("2026-12-05T02:00:00Z"); // 10:00 on the 5th: whole days are the 6th–9th
    const r = paceOf(
      history(now, 28, () => 2n * GB),
      since,
      now,
    );
    expect(r.historyDays).toBe(4);
    expect(r.pace).toBeCloseTo(2 * Number(GB), 0);
  });
});

describe("forecast", () => {
  it("runs out on the Shanghai day the remaining data lasts to, and advises the cheapest package that covers the month", () => {
    // 12:00 on Dec 10, 1 GB a day, 10 GB left → out at 12:00 on Dec 20
    const f = forecast(input({ now: new Date("2026-12-10T04:00:00Z") }));
    expect(f.kind).toBe("RUNS_OUT");
    if (f.kind !== "RUNS_OUT") return;
    expect(f.runOutDay).toBe("2026-12-20");
    expect(f.runOutAt.toISOString()).toBe("2026-12-20T04:00:00.000Z");
    // 21.5 days to the month's end need 21.5 GB: 11.5 GB more; P5 (8 GB) is short, P10 (20 GB) covers it
    expect(f.advice).toMatchObject({ kind: "BUY", package: { code: "P10" }, neededBytes: (23n * GB) / 2n });
  });

  it("lasts the month when the remaining data covers the pace", () => {
    const f = forecast(input({ now: new Date("2026-12-10T04:00:00Z"), remainingBytes: 22n * GB }));
    expect(f).toMatchObject({ kind: "LASTS", advice: { kind: "NONE_NEEDED" } });
  });

  it("zero usage lasts the month", () => {
    const now = new Date("2026-12-10T04:00:00Z");
    expect(forecast(input({ now, usage: [], remainingBytes: 1n }))).toMatchObject({ kind: "LASTS", paceBytesPerDay: 0n });
  });

  it("a new student (fewer than three whole days) gets no forecast", () => {
    const now = new Date("2026-12-10T04:00:00Z");
    expect(forecast(input({ now, usage: [], historySince: now }))).toEqual({ kind: "NO_HISTORY", historyDays: 0 });
    expect(forecast(input({ now, historySince: new Date("2026-12-07T12:00:00Z") }))).toEqual({ kind: "NO_HISTORY", historyDays: 2 });
    expect(forecast(input({ now, historySince: new Date("2026-12-06T12:00:00Z") })).kind).toBe("RUNS_OUT");
  });

  it("used up: says so, with the package that carries the rest of the month", () => {
    const f = forecast(input({ now: new Date("2026-12-10T04:00:00Z"), remainingBytes: 0n }));
    expect(f).toMatchObject({ kind: "USED_UP", paceBytesPerDay: GB, advice: { kind: "BUY", package: { code: "P20" } } });
    // used up without history: no advice to give
    expect(
      forecast(input({ now: new Date("2026-12-10T04:00:00Z"), remainingBytes: 0n, usage: [], historySince: new Date("2026-12-10T00:00:00Z") })),
    ).toMatchObject({
      kind: "USED_UP",
      advice: null,
    });
  });

  it("last day of the month: runs out tonight, or lasts the few hours left", () => {
    const now = new Date("2026-12-31T12:00:00Z"); // 20:00 Shanghai, 4 hours left
    const out = forecast(input({ now, remainingBytes: GB / 10n }));
    expect(out).toMatchObject({ kind: "RUNS_OUT", runOutDay: "2026-12-31" });
    if (out.kind === "RUNS_OUT") expect(out.advice).toMatchObject({ kind: "BUY", package: { code: "P5" } });
    expect(forecast(input({ now, remainingBytes: GB / 5n }))).toMatchObject({ kind: "LASTS" });
  });

  it("first day of the month, no usage yet: last month's pace against the fresh free quota", () => {
    const now = new Date("2026-12-31T16:30:00Z"); // 00:30 on Jan 1 in Shanghai
    const f = forecast(input({ now, remainingBytes: 20n * GB }));
    expect(f).toMatchObject({ kind: "RUNS_OUT", runOutDay: "2027-01-21" });
    // 31 days less half an hour at 1 GB: ≈ 11 GB beyond the free 20 GB → P10
    if (f.kind === "RUNS_OUT") expect(f.advice).toMatchObject({ kind: "BUY", package: { code: "P10" } });
  });

  it("no package on sale is enough: the largest, with what is needed", () => {
    const now = new Date("2026-12-01T04:00:00Z");
    const f = forecast(input({ now, usage: history(now, 28, () => 10n * GB), remainingBytes: GB }));
    expect(f).toMatchObject({ kind: "RUNS_OUT", runOutDay: "2026-12-01", advice: { kind: "NONE_ENOUGH", largest: { code: "P30" } } });
    expect(adviceFor(GB, [])).toEqual({ kind: "NONE_ENOUGH", largest: null, neededBytes: GB });
  });

  it("a price tie goes to the bigger package; a special offer wins when it is cheaper", () => {
    const special = { id: "W", code: "WINTER15", nameZh: "冬季特惠", nameEn: "Winter", priceFen: 1500n, quotaBytes: 50n * GB };
    expect(adviceFor(30n * GB, [...PACKAGES, special])).toMatchObject({ kind: "BUY", package: { code: "WINTER15" } });
    const twin = { ...PACKAGES[1]!, id: "P10b", code: "P10b", quotaBytes: 25n * GB };
    expect(adviceFor(10n * GB, [...PACKAGES, twin])).toMatchObject({ package: { code: "P10b" } });
  });
});

describe("lasts until with a package", () => {
  const now = new Date("2026-12-10T04:00:00Z");
  it("adds the package's quota to what is left", () => {
    expect(lastsUntilWith({ now, remainingBytes: 2n * GB, paceBytesPerDay: GB }, 8n * GB)).toEqual({
      lastsMonth: false,
      day: "2026-12-20",
      at: new Date("2026-12-20T04:00:00Z"),
    });
    expect(lastsUntilWith({ now, remainingBytes: 2n * GB, paceBytesPerDay: GB }, 20n * GB)).toEqual({ lastsMonth: true, day: null, at: null });
    expect(lastsUntilWith({ now, remainingBytes: 0n, paceBytesPerDay: null }, 20n * GB)).toBeNull();
  });
});
