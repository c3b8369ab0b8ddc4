import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/i18n/messages";
import { buildManifest, type ManifestMessages, SCREENSHOTS } from "./manifest";

async function manifestFor(locale: "zh-CN" | "en") {
  return buildManifest(locale, (await loadMessages(locale)) as unknown as ManifestMessages);
}

/** Width × height of a PNG, from its IHDR chunk. */
function pngSize(file: string): string {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe("buildManifest", () => {
  it("speaks Chinese for zh-CN", async () => {
    const m = await manifestFor("zh-CN");
    expect(m).toMatchObject({ lang: "zh-CN", name: "校园网自助服务", short_name: "校园网", start_url: "/", display: "standalone" });
    expect(m.description).toContain("网费余额");
    expect(m.shortcuts?.map((s) => [s.name, s.url])).toEqual([
      ["充值", "/recharge"],
      ["套餐", "/packages"],
    ]);
    expect(m.screenshots?.[0]?.label).toContain("首页");
  });

  it("speaks English for en", async () => {
    const m = await manifestFor("en");
    expect(m).toMatchObject({ lang: "en", name: "Campus Network Self-Service", short_name: "CampusNet" });
    expect(m.description).toContain("balance");
    expect(m.shortcuts?.map((s) => [s.name, s.url])).toEqual([
      ["Top up", "/recharge"],
      ["Packages", "/packages"],
    ]);
    expect(m.screenshots?.map((s) => s.label)).toEqual(["Home: balance, high-speed data and this month's usage", "Balance, data and usage on a computer"]);
  });

  it("lists one narrow and one wide screenshot whose files exist at the stated size", async () => {
    const m = await manifestFor("en");
    expect(m.screenshots?.map((s) => s.form_factor)).toEqual(["narrow", "wide"]);
    for (const shot of m.screenshots ?? []) {
      const file = path.join(process.cwd(), "public", shot.src);
      expect(existsSync(file), shot.src).toBe(true);
      expect(pngSize(file)).toBe(shot.sizes);
      expect(shot.type).toBe("image/png");
    }
    const [w, h] = SCREENSHOTS.narrow.sizes.split("x").map(Number);
    expect(h! / w!).toBeLessThanOrEqual(2.3); // Chrome's richer install UI refuses taller ones
  });
});
