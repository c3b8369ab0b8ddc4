import { describe, expect, it } from "vitest";
import { formatAsOf, type LastSummary, parseLastSummary, serializeLastSummary } from "./last-summary";

const good: LastSummary = {
  studentNo: "2023010001",
  balanceFen: "1250",
  quotaBytes: "5368709120",
  speedMode: "HIGH_SPEED",
  balanceText: "¥12.50",
  quotaText: "5 GB",
  fetchedAt: "2026-12-01T13:05:00.000Z",
};

describe("parseLastSummary", () => {
  it("reads back what was stored", () => {
    expect(parseLastSummary(serializeLastSummary(good), "2023010001")).toEqual(good);
  });

  it("normalises the time to an ISO instant", () => {
    const raw = JSON.stringify({ ...good, fetchedAt: "2026-12-01T21:05:00+08:00" });
    expect(parseLastSummary(raw, "2023010001")?.fetchedAt).toBe("2026-12-01T13:05:00.000Z");
  });

  it("ignores another student's numbers", () => {
    expect(parseLastSummary(serializeLastSummary(good), "2023010002")).toBeNull();
  });

  it.each([
    ["nothing", null],
    ["empty", ""],
    ["not JSON", "{balance: 12"],
    ["a number", "42"],
    ["an array", JSON.stringify([good])],
    ["null", "null"],
    ["fen as a number", JSON.stringify({ ...good, balanceFen: 1250 })],
    ["fen with decimals", JSON.stringify({ ...good, balanceFen: "12.50" })],
    ["negative quota", JSON.stringify({ ...good, quotaBytes: "-1" })],
    ["unknown speed mode", JSON.stringify({ ...good, speedMode: "TURBO" })],
    ["missing text", JSON.stringify({ ...good, balanceText: undefined })],
    ["empty text", JSON.stringify({ ...good, quotaText: "" })],
    ["huge text", JSON.stringify({ ...good, balanceText: "x".repeat(500) })],
    ["bad date", JSON.stringify({ ...good, fetchedAt: "yesterday-ish" })],
    ["no date", JSON.stringify({ ...good, fetchedAt: undefined })],
  ])("ignores garbage: %s", (_name, raw) => {
    expect(parseLastSummary(raw, "2023010001")).toBeNull();
  });
});

describe("formatAsOf", () => {
  const fetched = new Date("2026-12-01T13:05:00Z"); // 21:05 in Shanghai

  it("is the Shanghai time on the same Shanghai day", () => {
    expect(formatAsOf(fetched, new Date("2026-12-01T15:30:00Z"), "zh-CN")).toBe("21:05");
    expect(formatAsOf(fetched, new Date("2026-12-01T15:30:00Z"), "en")).toBe("21:05");
  });

  it("adds the date once the Shanghai day has changed, even if UTC has not", () => {
    // 2026-12-01T16:30Z is 00:30 on 12-02 in Shanghai
    const text = formatAsOf(fetched, new Date("2026-12-01T16:30:00Z"), "zh-CN");
    expect(text).toContain("21:05");
    expect(text).toMatch(/12.?01|12月1日/);
  });
});
