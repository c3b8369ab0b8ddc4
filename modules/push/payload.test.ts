// What a push carries: the centre's own title and text in the subscription's language, cut to
// fit, where a tap goes, and a tag (80 % and 100 % of one month replace each other).
import { describe, expect, it } from "vitest";
import { buildPushPayload, MAX_BODY_CHARS, pushLocale } from "./payload";

const createdAt = new Date("2026-12-01T08:00:00Z");
const n = (kind: string, data: unknown, id = "42") => ({ id, kind, data, createdAt });

describe("buildPushPayload", () => {
  it("writes the centre's text in the subscription's language, with the link and the ids", () => {
    const data = { amountFen: "5000", orderNo: "R20261201000001" };
    const zh = buildPushPayload(n("RECHARGE_CREDITED", data), "zh-CN");
    const en = buildPushPayload(n("RECHARGE_CREDITED", data), "en");
    expect(zh).toMatchObject({ id: "42", kind: "RECHARGE_CREDITED", url: "/", tag: "n:42" });
    expect(zh.title).toContain("50.00");
    expect(zh.title).toMatch(/[\u4e00-\u9fff]/);
    expect(en.title).toBe("¥50.00 top-up credited");
    expect(en.body).toBe("Order R20261201000001 is in your network balance.");
    expect(buildPushPayload(n("QUOTA_100", { month: "2026-12" }), "en").url).toBe("/packages");
  });

  it("writes an unknown or garbage locale in Chinese", () => {
    expect(pushLocale("fr")).toBe("zh-CN");
    expect(pushLocale("")).toBe("zh-CN");
    expect(pushLocale(null)).toBe("zh-CN");
    expect(pushLocale("en")).toBe("en");
    expect(buildPushPayload(n("PUSH_TEST", {}), "de").title).toBe(buildPushPayload(n("PUSH_TEST", {}), "zh-CN").title);
  });

  it("80 % and 100 % of one month share a tag; other kinds are tagged by their id", () => {
    const q80 = buildPushPayload(n("QUOTA_80", { month: "2026-12", usedBytes: "1", grantedBytes: "10" }, "1"), "zh-CN");
    const q100 = buildPushPayload(n("QUOTA_100", { month: "2026-12" }, "2"), "zh-CN");
    const nextMonth = buildPushPayload(n("QUOTA_100", { month: "2027-01" }, "3"), "zh-CN");
    expect(q80.tag).toBe("quota:2026-12");
    expect(q100.tag).toBe("quota:2026-12");
    expect(nextMonth.tag).toBe("quota:2027-01");
    // no month (odd data): stands alone
    expect(buildPushPayload(n("QUOTA_100", {}, "4"), "zh-CN").tag).toBe("n:4");
    expect(buildPushPayload(n("PACKAGE_EXPIRING", { month: "2026-12" }, "5"), "zh-CN").tag).toBe("n:5");
  });

  it("an office notice carries the office's own words, in English when the office wrote them", () => {
    const data = {
      noticeId: "9",
      title: "停网维护",
      body: "12 月 5 日 2:00–4:00 停网维护。",
      titleEn: "Maintenance",
      bodyEn: "No network on 5 Dec, 2:00–4:00.",
    };
    expect(buildPushPayload(n("OFFICE_NOTICE", data), "zh-CN")).toMatchObject({ title: "网络中心通知：停网维护", body: "12 月 5 日 2:00–4:00 停网维护。" });
    expect(buildPushPayload(n("OFFICE_NOTICE", data), "en")).toMatchObject({ title: "Network office: Maintenance", body: "No network on 5 Dec, 2:00–4:00." });
    // no English version: the Chinese text, under the English frame
    const zhOnly = { noticeId: "9", title: "停网维护", body: "停网。", titleEn: null, bodyEn: null };
    expect(buildPushPayload(n("OFFICE_NOTICE", zhOnly), "en")).toMatchObject({ title: "Network office: 停网维护", body: "停网。" });
    // ICU syntax in the office's text is shown as typed, never interpreted
    const braces = { title: "{count} 人", body: "{x, plural, other {#}}" };
    expect(buildPushPayload(n("OFFICE_NOTICE", braces), "zh-CN")).toMatchObject({ title: "网络中心通知：{count} 人", body: "{x, plural, other {#}}" });
  });

  it("cuts the body at MAX_BODY_CHARS characters (or a shorter limit after a 413) and the title at 120, with an ellipsis", () => {
    const long = "通".repeat(500);
    const p = buildPushPayload(n("OFFICE_NOTICE", { title: "标".repeat(200), body: long }), "zh-CN");
    expect([...p.body]).toHaveLength(MAX_BODY_CHARS);
    expect(p.body.endsWith("…")).toBe(true);
    expect([...p.title]).toHaveLength(120);
    expect(p.title.endsWith("…")).toBe(true);
    const compact = buildPushPayload(n("OFFICE_NOTICE", { title: "t", body: long }), "zh-CN", { maxBodyChars: 80 });
    expect([...compact.body]).toHaveLength(80);
    // cut by characters, never inside a surrogate pair
    const emoji = buildPushPayload(n("OFFICE_NOTICE", { title: "t", body: "😀".repeat(400) }), "en", { maxBodyChars: 10 });
    expect(emoji.body).toBe(`${"😀".repeat(9)}…`);
    // short text is left as it is
    expect(buildPushPayload(n("OFFICE_NOTICE", { title: "t", body: "短" }), "zh-CN").body).toBe("短");
  });

  it("stays within a push service's 4 KB once encrypted, for the longest notice", () => {
    const p = buildPushPayload(n("OFFICE_NOTICE", { title: "标".repeat(60), body: "通".repeat(500) }, "9223372036854775807"), "zh-CN");
    // aes128gcm adds 86 bytes of header and 17 of padding delimiter and tag
    expect(Buffer.byteLength(JSON.stringify(p)) + 86 + 17).toBeLessThan(4096);
  });
});
