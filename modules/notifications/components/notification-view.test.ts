import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/messages/en/notifications.json";
import zh from "@/messages/zh-CN/notifications.json";
import { LINK_HREF, NOTIFICATION_KINDS, badgeText, toNotificationView } from "./notification-view";

const at = new Date("2026-11-30T16:05:00Z"); // 2026-12-01 00:05 in Shanghai
const row = (kind: string, data: unknown, readAt: Date | null = null) => ({ id: "7", kind, data, createdAt: at, readAt });

/** Every kind a module writes: `kind: "X"` in a file that records notifications. */
function kindsInSources(): Set<string> {
  const root = path.resolve(__dirname, "../../..");
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) {
        const src = readFileSync(p, "utf8");
        if (!/recordNotification\(|notification\.createMany\(|INSERT INTO "notifications"/.test(src)) continue;
        // recordNotification calls and createMany rows: kind: "X"
        for (const m of src.matchAll(/recordNotification\([\s\S]{0,200}?kind: "([A-Z0-9_]+)"/g)) found.add(m[1]!);
        for (const m of src.matchAll(/notification\.createMany\([\s\S]{0,300}?kind: "([A-Z0-9_]+)"/g)) found.add(m[1]!);
        // the quota alerts' SQL writes QUOTA_80 / QUOTA_100
        for (const m of src.matchAll(/"(QUOTA_\d+)"/g)) found.add(m[1]!);
      }
    }
  };
  walk(path.join(root, "modules"));
  return found;
}

describe("notification kinds → text and link", () => {
  it("knows every kind the code base writes", () => {
    const written = kindsInSources();
    for (const k of ["PLAN_FAILED", "PLAN_WARNING", "PLAN_BOOKED", "APPEAL_APPROVED", "APPEAL_REFUSED", "DEVICE_LIMIT", "QUOTA_80", "QUOTA_100"]) {
      expect(written, `the source scan should find ${k}`).toContain(k);
    }
    for (const k of written) expect(NOTIFICATION_KINDS as readonly string[], `${k} is written but has no text in the centre`).toContain(k);
  });

  it("has a title and text in both languages for every kind, variant and the generic line", () => {
    for (const key of [...NOTIFICATION_KINDS, "PLAN_FAILED_SHORT", "PLAN_BOOKED_CHANGED", "PLAN_FAILED_CHANGED", "PLAN_FAILED_OFF_SALE", "OTHER"]) {
      for (const m of [zh, en]) {
        const k = (m.centre.kinds as Record<string, { title: string; text: string }>)[key];
        expect(k?.title, key).toBeTruthy();
        expect(k?.text, key).toBeTruthy();
      }
    }
    for (const link of Object.keys(LINK_HREF)) {
      expect((zh.centre.link as Record<string, string>)[link], link).toBeTruthy();
      expect((en.centre.link as Record<string, string>)[link], link).toBeTruthy();
    }
  });

  it("maps each kind to its values and where to act", () => {
    const v = (kind: string, data: unknown) => toNotificationView(row(kind, data), "zh-CN");
    expect(v("QUOTA_80", { month: "2026-12", usedBytes: "64424509440", grantedBytes: "85899345920" })).toMatchObject({
      key: "QUOTA_80",
      values: { month: "2026年12月", used: expect.stringContaining("60"), total: expect.stringContaining("80") },
      link: "network",
    });
    expect(v("QUOTA_100", { month: "2026-12" })).toMatchObject({ key: "QUOTA_100", link: "packages" });
    expect(v("PLAN_BOOKED", { month: "2027-01", nameZh: "10元20G流量包", nameEn: "20 GB", priceFen: "1000" })).toMatchObject({
      key: "PLAN_BOOKED",
      values: { month: "2027年1月", package: "10元20G流量包", price: "¥10.00" },
      link: "exchanges",
    });
    expect(v("PLAN_WARNING", { month: "2027-01", nameZh: "套餐", shortfallFen: "350" })).toMatchObject({
      key: "PLAN_WARNING",
      values: { shortfall: "¥3.50" },
      link: "recharge",
    });
    expect(v("PLAN_FAILED", { month: "2027-01", reason: "BALANCE_SHORT", nameZh: "套餐", shortfallFen: "200" })).toMatchObject({
      key: "PLAN_FAILED_SHORT",
      values: { shortfall: "¥2.00" },
      link: "recharge",
    });
    expect(v("PLAN_FAILED", { month: "2027-01", reason: "PACKAGE_UNAVAILABLE" })).toMatchObject({ key: "PLAN_FAILED", link: "recharge" });
    // the plan's package changed in the catalogue (decision 031)
    expect(
      v("PLAN_FAILED", { month: "2027-01", reason: "package_changed", nameZh: "旧包", priceFen: "1000", newNameZh: "新包", newPriceFen: "1200" }),
    ).toMatchObject({ key: "PLAN_FAILED_CHANGED", values: { old: "旧包", oldPrice: "¥10.00", package: "新包", price: "¥12.00" }, link: "packages" });
    expect(v("PLAN_FAILED", { month: "2027-01", reason: "package_changed", nameZh: "旧包", offSale: true })).toMatchObject({ key: "PLAN_FAILED_OFF_SALE" });
    expect(v("PLAN_BOOKED", { month: "2027-01", nameZh: "新包", priceFen: "800", changed: true, oldNameZh: "旧包", oldPriceFen: "1000" })).toMatchObject({
      key: "PLAN_BOOKED_CHANGED",
      values: { package: "新包", price: "¥8.00", old: "旧包", oldPrice: "¥10.00" },
    });
    expect(v("APPEAL_APPROVED", { refundedFen: "1000", reason: "核实为误操作" })).toMatchObject({
      key: "APPEAL_APPROVED",
      values: { refunded: "¥10.00", reason: "核实为误操作" },
      link: "exchanges",
    });
    expect(v("APPEAL_REFUSED", { reason: "已用流量较多" })).toMatchObject({ key: "APPEAL_REFUSED", values: { reason: "已用流量较多" }, link: "exchanges" });
    expect(v("DEVICE_LIMIT", { deviceName: "iPad", mac: "3C:22:FB:10:20:0B" })).toMatchObject({
      key: "DEVICE_LIMIT",
      values: { device: "iPad" },
      link: "loginProblems",
    });
    expect(v("DEVICE_LIMIT", { deviceName: null, mac: "3C:22:FB:10:20:0B" }).values.device).toBe("3C:22:FB:10:20:0B");
    expect(LINK_HREF).toMatchObject({ recharge: "/recharge", exchanges: "/exchanges", loginProblems: "/network/login-problems" });
  });

  it("uses the package's English name in English, and Shanghai time", () => {
    const n = toNotificationView(row("PLAN_BOOKED", { month: "2027-01", nameZh: "包", nameEn: "20 GB pack", priceFen: 1000 }, at), "en");
    expect(n.values.package).toBe("20 GB pack");
    expect(n.read).toBe(true);
    expect(n.createdIso).toBe("2026-11-30T16:05:00.000Z");
    expect(toNotificationView(row("QUOTA_100", {}), "zh-CN").createdText).toBe("2026/12/01 00:05");
  });

  it("shows an unknown kind as a generic line and odd data as dashes, never throwing", () => {
    expect(toNotificationView(row("RECHARGE_CREDITED_V9", { amountFen: "500" }), "zh-CN")).toMatchObject({ key: "OTHER", values: {}, link: null });
    for (const data of [null, "text", 42, [1, 2], { month: "13-2026", priceFen: "abc", shortfallFen: {}, refundedFen: "1e9", usedBytes: "-5" }]) {
      for (const kind of [...NOTIFICATION_KINDS, "X"]) {
        const n = toNotificationView(row(kind, data), "en");
        for (const value of Object.values(n.values)) expect(typeof value).toBe("string");
      }
    }
    expect(toNotificationView(row("PLAN_WARNING", { shortfallFen: "abc", month: "2026-13" }), "zh-CN").values).toMatchObject({
      shortfall: "—",
      month: "—",
      package: "—",
    });
  });

  it("caps the bell's badge at 99+", () => {
    expect(badgeText(3)).toBe("3");
    expect(badgeText(99)).toBe("99");
    expect(badgeText(100)).toBe("99+");
  });
});
