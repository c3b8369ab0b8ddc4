import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultLocale, locales } from "./config";
import { defaultMessages } from "./default-messages";
import { loadMessages, mergeMessages } from "./messages";

// Every namespace file must exist in every locale with the same keys, so a string added in
// one language is never forgotten in the other.

function leafKeys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

const dir = path.join(process.cwd(), "messages");

describe("messages", () => {
  it("has the same namespace files in every locale", () => {
    const expected = readdirSync(path.join(dir, defaultLocale)).sort();
    expect(expected).toContain("common.json");
    for (const locale of locales) {
      expect(readdirSync(path.join(dir, locale)).sort(), locale).toEqual(expected);
    }
  });

  it("has the same keys in every locale", async () => {
    const reference = leafKeys(await loadMessages(defaultLocale)).sort();
    for (const locale of locales) {
      // loadMessages fills gaps from the default locale, so compare the raw files.
      const raw: Record<string, unknown> = {};
      for (const file of readdirSync(path.join(dir, locale)).filter((f) => f.endsWith(".json"))) {
        raw[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(dir, locale, file), "utf8"));
      }
      expect(leafKeys(raw).sort(), locale).toEqual(reference);
    }
  });

  it("types messages from every namespace file of the default locale (i18n/default-messages.ts)", async () => {
    expect(defaultMessages).toEqual(await loadMessages(defaultLocale));
  });

  it("merges namespaces by file name", async () => {
    const zh = await loadMessages("zh-CN");
    expect((zh.common as { appName: string }).appName).toBe("校园网自助服务");
    const en = await loadMessages("en");
    expect((en.common as { appName: string }).appName).toBe("Campus Network Self-Service");
  });

  it("fills missing keys from the base deeply", () => {
    expect(mergeMessages({ a: { b: "1", c: "2" }, d: "3" }, { a: { b: "x" } })).toEqual({ a: { b: "x", c: "2" }, d: "3" });
  });
});
