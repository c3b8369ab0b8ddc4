import { describe, expect, it } from "vitest";
import { MiB } from "@/lib/units";
import { toAppealRowView } from "./appeal-view";

const row = { id: "h1", name: "10元20G流量包", priceText: "¥10.00" };
const policy = { windowHours: 72, maxUsedBytes: 100n * MiB };
const at = new Date("2026-12-03T16:30:00Z"); // 00:30 on 4 December in Shanghai

describe("toAppealRowView", () => {
  it("offers the button with the Shanghai time the window closes", () => {
    expect(toAppealRowView({ status: "ELIGIBLE", closesAt: at }, row, policy, "zh-CN")).toMatchObject({
      kind: "eligible",
      holdingId: "h1",
      priceText: "¥10.00",
      closesIso: "2026-12-03T16:30:00.000Z",
      closesText: expect.stringMatching(/2026\/12\/04 00:30/),
    });
  });

  it("explains a closed window and too much use, and says nothing for a package no longer in use", () => {
    expect(toAppealRowView({ status: "WINDOW_CLOSED", closedAt: at }, row, policy, "zh-CN")).toMatchObject({ kind: "windowClosed", hours: 72 });
    expect(toAppealRowView({ status: "TOO_MUCH_USED", usedBytes: 150n * MiB, maxUsedBytes: 100n * MiB }, row, policy, "en")).toEqual({
      kind: "tooMuchUsed",
      usedText: "150 MB",
      maxText: "100 MB",
    });
    expect(toAppealRowView({ status: "NOT_ACTIVE" }, row, policy, "zh-CN")).toBeNull();
    expect(toAppealRowView(undefined, row, policy, "zh-CN")).toBeNull();
  });

  it("shows a filed appeal with its state and the office's reason", () => {
    const appeal = { id: "a1", state: "REFUSED" as const, reason: "点错了", createdAt: at, decidedAt: at, decisionReason: "已正常使用" };
    expect(toAppealRowView({ status: "APPEALED", appeal }, row, policy, "zh-CN")).toMatchObject({
      kind: "appealed",
      state: "REFUSED",
      reason: "点错了",
      decisionReason: "已正常使用",
      decidedText: expect.stringMatching(/2026\/12\/04/),
    });
  });
});
