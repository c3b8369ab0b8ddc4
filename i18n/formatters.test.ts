import { describe, expect, it } from "vitest";
import { GiB } from "@/lib/units";
import { bindFormatters } from "./formatters";

describe("bindFormatters", () => {
  it("binds the locale", () => {
    const zh = bindFormatters("zh-CN");
    expect(zh.fen(1230n)).toBe("¥12.30");
    expect(zh.bytes(20n * GiB)).toBe("20 GB");
    expect(zh.dateTime("2026-11-30T16:30:00Z")).toBe("2026/12/01 00:30");
    expect(zh.month("2026-12")).toBe("2026年12月");
    expect(bindFormatters("en").date("2026-11-30T16:30:00Z")).toBe("12/01/2026");
  });
});
