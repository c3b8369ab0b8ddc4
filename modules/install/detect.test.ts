import { describe, expect, it } from "vitest";
import { needsIosInstallHint } from "./detect";

const IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const IPAD_DESKTOP_MODE = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
const IPHONE_CHROME =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1";
const IPHONE_WECHAT =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.53(0x18003531) NetType/WIFI Language/zh_CN";
const ANDROID_CHROME = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

describe("needsIosInstallHint", () => {
  it("is true for Safari on an iPhone not opened from the home screen", () => {
    expect(needsIosInstallHint({ userAgent: IPHONE_SAFARI, maxTouchPoints: 5 })).toBe(true);
  });

  it("is false once the app runs from the home screen", () => {
    expect(needsIosInstallHint({ userAgent: IPHONE_SAFARI, maxTouchPoints: 5, standalone: true })).toBe(false);
  });

  it("tells an iPad (desktop-class UA) from a Mac by its touch points", () => {
    expect(needsIosInstallHint({ userAgent: IPAD_DESKTOP_MODE, maxTouchPoints: 5 })).toBe(true);
    expect(needsIosInstallHint({ userAgent: IPAD_DESKTOP_MODE, maxTouchPoints: 0 })).toBe(false);
  });

  it("is false for other browsers on iOS and for Android", () => {
    expect(needsIosInstallHint({ userAgent: IPHONE_CHROME, maxTouchPoints: 5 })).toBe(false);
    expect(needsIosInstallHint({ userAgent: IPHONE_WECHAT, maxTouchPoints: 5 })).toBe(false);
    expect(needsIosInstallHint({ userAgent: ANDROID_CHROME, maxTouchPoints: 5 })).toBe(false);
  });
});
