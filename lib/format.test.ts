import { describe, expect, it } from "vitest";
import { formatBytes, formatDate, formatDateTime, formatMonth, formatTime, gib, monthKeyToStart } from "./format";
import { GiB, KiB, MiB } from "./units";

describe("formatBytes", () => {
  it.each<[bigint | number | string, string]>([
    [0n, "0 B"],
    [0, "0 B"],
    ["0", "0 B"],
    [1n, "1 B"],
    [1023n, "1,023 B"],
    [1024n, "1 KB"],
    [1536n, "1.5 KB"],
    [512n * MiB, "512 MB"],
    [GiB, "1 GB"],
    [20n * GiB, "20 GB"],
    [(3n * GiB) / 2n, "1.5 GB"],
    [GiB + GiB / 4n, "1.25 GB"],
    [GiB + GiB / 3n, "1.33 GB"],
    [8n * GiB, "8 GB"],
    [120n * GiB, "120 GB"],
    [2048n * GiB, "2 TB"],
    [GiB - 1n, "1 GB"], // 1023.99… MB rounds up into the next unit
    [MiB - 1n, "1 MB"],
    [String(60n * GiB), "60 GB"],
    [-(2n * GiB), "-2 GB"],
  ])("formats %s as %s", (bytes, expected) => {
    expect(formatBytes(bytes, "en")).toBe(expected);
  });

  it("uses the locale's separators", () => {
    expect(formatBytes(1500n * GiB * 1024n, "zh-CN")).toBe("1,500 TB");
    expect(formatBytes((3n * GiB) / 2n, "zh-CN")).toBe("1.5 GB");
  });

  it("handles values beyond 2^53", () => {
    expect(formatBytes(2n ** 60n, "en")).toBe("1,048,576 TB");
  });

  it("exposes binary constants", () => {
    expect(KiB).toBe(1024n);
    expect(GiB).toBe(1073741824n);
    expect(gib(20)).toBe(21474836480n);
  });

  it("rejects non-integers", () => {
    expect(() => formatBytes("1.5", "en")).toThrow(RangeError);
    expect(() => formatBytes(Number.NaN, "en")).toThrow(RangeError);
  });
});

describe("month and day keys", () => {
  it("round-trip to their start instants and reject bad keys", () => {
    expect(monthKeyToStart("2026-12").toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(() => monthKeyToStart("2026-13")).toThrow(RangeError);
  });
});

describe("date formatting in Asia/Shanghai", () => {
  const d = new Date("2026-11-30T16:30:00Z"); // 2026-12-01 00:30 in Shanghai

  it("formats date and time in zh-CN", () => {
    expect(formatDateTime(d, "zh-CN")).toBe("2026/12/01 00:30");
    expect(formatDate(d, "zh-CN")).toBe("2026/12/01");
    expect(formatTime(d, "zh-CN")).toBe("00:30");
    expect(formatMonth("2026-12", "zh-CN")).toBe("2026年12月");
  });

  it("formats date and time in en", () => {
    expect(formatDateTime(d, "en")).toBe("12/01/2026, 00:30");
    expect(formatDate(d, "en")).toBe("12/01/2026");
    expect(formatMonth(d, "en")).toBe("December 2026");
  });

  it("accepts ISO strings and epoch ms, rejects garbage", () => {
    expect(formatDate(d.toISOString(), "zh-CN")).toBe("2026/12/01");
    expect(formatDate(d.getTime(), "zh-CN")).toBe("2026/12/01");
    expect(() => formatDate("not a date", "zh-CN")).toThrow(RangeError);
  });
});
