import { describe, expect, it } from "vitest";
import { newOrderNo, newRefundNo, ORDER_NO_RE, orderNoOrNotFound, REFUND_NO_RE } from "./order-no";

describe("order and refund numbers", () => {
  it("stamp the Shanghai time and match their patterns", () => {
    expect(newOrderNo(new Date("2026-11-23T16:30:00Z"))).toMatch(/^R20261124003000[0-9A-Z]{6}$/);
    expect(newOrderNo()).toMatch(ORDER_NO_RE);
    expect(newRefundNo()).toMatch(REFUND_NO_RE);
    expect(newRefundNo()).not.toMatch(ORDER_NO_RE);
  });

  it("an order number from outside is well formed or NOT_FOUND", () => {
    const no = newOrderNo();
    expect(orderNoOrNotFound(no)).toBe(no);
    for (const bad of ["", "R123", `${no}X`, no.toLowerCase(), 42, null])
      expect(() => orderNoOrNotFound(bad)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });
});
