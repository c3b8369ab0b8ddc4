import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { exchangeSchema } from "@/modules/packages/schemas";
import { balanceAfterExchange, newRequestKey, pageCount, pageHref, parsePage } from "./exchange-view";

describe("balanceAfterExchange", () => {
  it("subtracts the price when the balance covers it", () => {
    expect(balanceAfterExchange(2500n, 1000n)).toEqual({ afterFen: 1500n, sufficient: true, shortfallFen: 0n });
    expect(balanceAfterExchange(1000n, 1000n)).toEqual({ afterFen: 0n, sufficient: true, shortfallFen: 0n });
  });
  it("reports the shortfall instead of a negative balance", () => {
    expect(balanceAfterExchange(0n, 500n)).toEqual({ afterFen: 0n, sufficient: false, shortfallFen: 500n });
    expect(balanceAfterExchange(999n, 1000n)).toEqual({ afterFen: 999n, sufficient: false, shortfallFen: 1n });
  });
});

describe("pagination", () => {
  it("parses ?page= defensively", () => {
    expect(parsePage(undefined)).toBe(1);
    expect(parsePage("3")).toBe(3);
    expect(parsePage(" 2 ")).toBe(2);
    expect(parsePage(["4", "5"])).toBe(4);
    for (const bad of ["0", "-1", "abc", "2.5", "1e3", "", "99999999"]) expect(parsePage(bad), bad).toBe(1);
  });
  it("counts pages", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
    expect(pageCount(45, 20)).toBe(3);
  });
  it("builds links", () => {
    expect(pageHref("/exchanges", 1)).toBe("/exchanges");
    expect(pageHref("/exchanges", 3)).toBe("/exchanges?page=3");
  });
});

describe("newRequestKey", () => {
  it("uses crypto.randomUUID when there is one", () => {
    const key = newRequestKey();
    expect(exchangeSchema.shape.requestKey.safeParse(key).success).toBe(true);
    expect(newRequestKey()).not.toBe(key);
  });
  it("falls back to getRandomValues outside secure contexts, still a valid v4 UUID", () => {
    const insecure = { getRandomValues: (array: Uint8Array<ArrayBuffer>) => webcrypto.getRandomValues(array) };
    for (let i = 0; i < 50; i++) {
      const key = newRequestKey(insecure);
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(exchangeSchema.shape.requestKey.safeParse(key).success).toBe(true);
    }
  });
});
