import { describe, expect, it } from "vitest";
import { isLocale, matchLocaleTag, negotiateLocale, resolveLocale } from "./config";

describe("locale negotiation", () => {
  it("maps tags", () => {
    expect(matchLocaleTag("zh")).toBe("zh-CN");
    expect(matchLocaleTag("zh-TW")).toBe("zh-CN");
    expect(matchLocaleTag("zh-Hans-CN")).toBe("zh-CN");
    expect(matchLocaleTag("EN-us")).toBe("en");
    expect(matchLocaleTag("fr")).toBeNull();
    expect(matchLocaleTag("english")).toBeNull();
    expect(matchLocaleTag(undefined)).toBeNull();
  });

  it("honours Accept-Language order and q-values", () => {
    expect(negotiateLocale("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(negotiateLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale("fr-FR,fr;q=0.9,en;q=0.5,zh;q=0.7")).toBe("zh-CN");
    expect(negotiateLocale("en;q=0.2, zh;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale("zh;q=0, en")).toBe("en");
    expect(negotiateLocale("de, fr")).toBeNull();
    expect(negotiateLocale("*")).toBeNull();
    expect(negotiateLocale("")).toBeNull();
    expect(negotiateLocale(null)).toBeNull();
  });

  it("prefers the cookie, then the header, then zh-CN", () => {
    expect(resolveLocale({ cookie: "en", acceptLanguage: "zh-CN" })).toBe("en");
    expect(resolveLocale({ cookie: "zh-CN", acceptLanguage: "en" })).toBe("zh-CN");
    expect(resolveLocale({ cookie: "garbage", acceptLanguage: "en-GB" })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "ja" })).toBe("zh-CN");
    expect(resolveLocale({})).toBe("zh-CN");
  });

  it("recognises supported locales", () => {
    expect(isLocale("zh-CN")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("zh")).toBe(false);
  });
});
