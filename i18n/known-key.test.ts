import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { knownKey } from "./known-key";

describe("keys that arrive at run time", () => {
  const t = createTranslator({ locale: "en", messages: { v: { mac: { required: "Enter a MAC" }, generic: "Check the input" } }, namespace: "v" });

  it("knownKey is the translator's own has: a known key translates, an unknown one takes the fallback", () => {
    const say = (key: string) => (knownKey(t, key) ? t(key) : t("generic"));
    expect(say("mac.required")).toBe("Enter a MAC");
    expect(say("mac.too_long")).toBe("Check the input");
    expect(say("")).toBe("Check the input");
  });
});
