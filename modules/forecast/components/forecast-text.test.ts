import { describe, expect, it } from "vitest";
import type { StudentForecast } from "../service";
import { forecast } from "../rules";
import { forecastTexts, lastsUntilText } from "./forecast-text";

const GB = 1024n ** 3n;
const DAY = 86_400_000;
// A stand-in translator: the key and its values, so the test reads what the page would say.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as Parameters<
  typeof forecastTexts
>[2];
const P5 = { id: "p5", code: "P5", nameZh: "5元8G流量包", nameEn: "¥5 · 8 GB", priceFen: 500n, quotaBytes: 8n * GB };
const P10 = { id: "p10", code: "P10", nameZh: "10元20G流量包", nameEn: "¥10 · 20 GB", priceFen: 1000n, quotaBytes: 20n * GB };

function studentForecast(remainingBytes: bigint, hasPackage = false): StudentForecast {
  const now = new Date("2026-12-10T04:00:00Z"); // 12:00 on Dec 10 in Shanghai
  const usage = Array.from({ length: 28 }, (_, i) => ({ day: new Date(now.getTime() + 8 * 3600_000 - (i + 1) * DAY).toISOString().slice(0, 10), bytes: GB }));
  return {
    now,
    remainingBytes,
    hasPackage,
    forecast: forecast({ now, usage, historySince: new Date("2026-01-01T00:00:00Z"), remainingBytes, packages: [P5, P10] }),
  };
}

describe("forecast sentences", () => {
  it("runs out: the Shanghai month-day, the pace and the package to buy", () => {
    const v = forecastTexts(studentForecast(10n * GB), "zh-CN", t);
    expect(v).toMatchObject({ kind: "RUNS_OUT", showCta: true });
    expect(v.headline).toBe('runsOut {"date":"12月20日"}');
    expect(v.pace).toBe('pace {"days":28,"pace":"1 GB"}');
    expect(v.advice).toBe('advice.buy {"name":"10元20G流量包","price":"¥10.00"}');
    // with a live package the advice waits for it to run out
    expect(forecastTexts(studentForecast(10n * GB, true), "en", t).advice).toBe('advice.buyAfterPackage {"name":"¥10 · 20 GB","price":"¥10.00"}');
  });

  it("lasts the month: no advice, no link to the packages", () => {
    expect(forecastTexts(studentForecast(30n * GB), "zh-CN", t)).toMatchObject({ kind: "LASTS", headline: "lasts", advice: null, showCta: false });
  });

  it("the exchange confirmation: until a day with a small package, the month with a big one", () => {
    const f = studentForecast(2n * GB);
    expect(lastsUntilText(f, P5.quotaBytes, "zh-CN", t)).toBe('dialog.lastsUntil {"date":"12月20日"}');
    expect(lastsUntilText(f, P10.quotaBytes, "zh-CN", t)).toBe("dialog.lastsMonth");
    expect(lastsUntilText(null, P10.quotaBytes, "zh-CN", t)).toBeNull();
  });
});
