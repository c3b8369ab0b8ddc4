import { describe, expect, it } from "vitest";
import { orderSearchHref, parseOrderSearch, shiftDay } from "./finance-view";

describe("shiftDay", () => {
  it("crosses months and years", () => {
    expect(shiftDay("2026-12-31", 1)).toBe("2027-01-01");
    expect(shiftDay("2026-03-01", -1)).toBe("2026-02-28");
    expect(shiftDay("2028-03-01", -1)).toBe("2028-02-29");
  });
});

describe("parseOrderSearch", () => {
  it("keeps valid filters and drops the rest", () => {
    expect(parseOrderSearch({ q: " 2023010001 ", state: "CREDITED", channel: "COUNTER", from: "2026-12-01", to: "2026-13-01", page: "2" })).toEqual({
      query: "2023010001",
      state: "CREDITED",
      channel: "COUNTER",
      from: "2026-12-01",
      to: "",
      page: 2,
    });
    expect(parseOrderSearch({ state: "DROP TABLE", channel: ["SANDBOX", "WECHAT"], page: "-1" })).toEqual({
      query: "",
      state: "",
      channel: "",
      from: "",
      to: "",
      page: 1,
    });
  });

  it("round-trips through the query string", () => {
    const p = parseOrderSearch({ q: "R2026", state: "FLAGGED", from: "2026-12-01" });
    expect(orderSearchHref("/admin/finance/orders", p, 3)).toBe("/admin/finance/orders?q=R2026&state=FLAGGED&from=2026-12-01&page=3");
    expect(orderSearchHref("/admin/finance/orders", parseOrderSearch({}), 1)).toBe("/admin/finance/orders");
  });
});
