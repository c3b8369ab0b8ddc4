import { describe, expect, it } from "vitest";
import { fenToChineseUpper } from "./receipt-view";

describe("fenToChineseUpper", () => {
  it.each([
    [0n, "零元整"],
    [500n, "伍元整"],
    [1000n, "壹拾元整"],
    [2000n, "贰拾元整"],
    [2050n, "贰拾元伍角整"],
    [2005n, "贰拾元零伍分"],
    [2055n, "贰拾元伍角伍分"],
    [50n, "伍角整"],
    [5n, "伍分"],
    [10_100n, "壹佰零壹元整"],
    [101_000n, "壹仟零壹拾元整"],
    [1_000_500n, "壹万零伍元整"],
    [10_000_500n, "壹拾万零伍元整"],
    [100_000_000n, "壹佰万元整"],
    [1_234_567_89n, "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"],
    [10_000_000_000n, "壹亿元整"],
    [-2000n, "负贰拾元整"],
  ])("%s fen → %s", (fen, text) => {
    expect(fenToChineseUpper(fen)).toBe(text);
  });
});
