import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { checkAmountFen, displayState, isPackageMultiple, maskName, noteNamesStudent } from "./shared";
import { createRechargeOrderSchema } from "./schemas";

const policy = { minFen: 500n, maxFen: 50000n };

describe("recharge rules (pure)", () => {
  it("masks names for the confirm step", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("张小三")).toBe("张*三");
    expect(maskName("欧阳小明")).toBe("欧**明");
    expect(maskName("李")).toBe("*");
    expect(maskName("")).toBe("*");
    expect(maskName("𠮷野家")).toBe("𠮷*家");
  });

  it("a typed amount is parsed once, at the edge (createRechargeOrderSchema), then checked against the policy in fen", () => {
    const edge = createRechargeOrderSchema.shape.amountYuan;
    expect(edge.parse("5")).toBe(500n);
    expect(edge.parse("5.5")).toBe(550n);
    expect(edge.parse("０.５")).toBe(50n);
    expect(edge.parse("500.00")).toBe(50000n);
    for (const [input, code] of [
      ["5.001", "TOO_MANY_DECIMALS"],
      ["-5", "NEGATIVE"],
      ["5e2", "INVALID_FORMAT"],
      ["Infinity", "INVALID_FORMAT"],
      ["1".repeat(40), "INVALID_FORMAT"],
      ["1".repeat(20), "TOO_LARGE"],
      ["", "EMPTY"],
    ] as const) {
      expect(edge.safeParse(input).error?.issues[0]?.message, input).toBe(code);
    }
    expect(edge.safeParse(12).success).toBe(false);
    expect(checkAmountFen(500n, policy)).toBe(500n);
    expect(checkAmountFen(50000n, policy)).toBe(50000n);
    for (const [fen, code] of [
      [499n, "AMOUNT_TOO_SMALL"],
      [0n, "AMOUNT_TOO_SMALL"],
      [50001n, "AMOUNT_TOO_LARGE"],
      [10n ** 20n, "AMOUNT_TOO_LARGE"],
    ] as const) {
      expect(() => checkAmountFen(fen, policy), String(fen)).toThrowError(expect.objectContaining({ code }));
    }
    expect(() => checkAmountFen(500 as unknown as bigint, policy)).toThrowError(expect.objectContaining({ code: "AMOUNT_INVALID" }));
  });

  it("property: any string is refused at the edge or becomes integer fen within [min, max] or a clear AppError (10,000 cases)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.double().map(String),
          fc.integer().map((n) => (n / 100).toFixed(2)),
          fc.stringMatching(/^-?\d{0,6}(\.\d{0,4})?$/),
        ),
        (s) => {
          const parsed = createRechargeOrderSchema.shape.amountYuan.safeParse(s);
          if (!parsed.success) return parsed.error.issues.length > 0;
          try {
            const fen = checkAmountFen(parsed.data, policy);
            return fen >= 500n && fen <= 50000n;
          } catch (e) {
            return isAppError(e) && ["AMOUNT_TOO_SMALL", "AMOUNT_TOO_LARGE"].includes(e.code);
          }
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it("counter amounts: a package price or a whole multiple of one", () => {
    const prices = [500n, 1000n, 2000n, 3000n];
    expect(isPackageMultiple(500n, prices)).toBe(true);
    expect(isPackageMultiple(1500n, prices)).toBe(true);
    expect(isPackageMultiple(9000n, prices)).toBe(true);
    expect(isPackageMultiple(750n, prices)).toBe(false);
    expect(isPackageMultiple(0n, prices)).toBe(false);
    expect(isPackageMultiple(-500n, prices)).toBe(false);
    expect(isPackageMultiple(1000n, [])).toBe(false);
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 9n }), (n) => isPackageMultiple(n, prices) === (n % 500n === 0n)),
      { numRuns: 2000 },
    );
  });

  it("counter notes must carry the student number and the name", () => {
    expect(noteNamesStudent("2023001 张三", "2023001", "张三")).toBe(true);
    expect(noteNamesStudent("张 三 学号２０２３００１", "2023001", "张三")).toBe(true);
    expect(noteNamesStudent("张三", "2023001", "张三")).toBe(false);
    expect(noteNamesStudent("2023001", "2023001", "张三")).toBe(false);
  });

  it("display states", () => {
    const now = new Date();
    expect(displayState("CREATED", new Date(now.getTime() + 1), now)).toBe("AWAITING_PAYMENT");
    expect(displayState("CREATED", now, now)).toBe("CLOSED");
    expect(displayState("PAID", now, now)).toBe("PROCESSING");
    expect(displayState("FLAGGED", now, now)).toBe("UNDER_REVIEW");
  });
});
