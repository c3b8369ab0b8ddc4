import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, guestCodeOf, guestPassState, guestQrText, guestRate, isGuestLogin, newGuestCode, newGuestPin } from "./rules";

describe("guest pass rules", () => {
  it("makes codes from the unambiguous alphabet and 6-digit PINs", () => {
    for (let i = 0; i < 200; i++) {
      const c = newGuestCode();
      expect(c).toHaveLength(6);
      for (const ch of c) expect(CODE_ALPHABET).toContain(ch);
      expect(newGuestPin()).toMatch(/^\d{6}$/);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("reads the code from a guest login in any case, and nothing else", () => {
    expect(guestCodeOf("guest-AB2C3D")).toBe("AB2C3D");
    expect(guestCodeOf("GUEST-ab2c3d")).toBe("AB2C3D");
    expect(guestCodeOf("guest-AB2C3")).toBeNull();
    expect(guestCodeOf("guest-AB0C3D")).toBeNull(); // 0 is not in the alphabet
    expect(guestCodeOf("2023010001")).toBeNull();
    expect(isGuestLogin("Guest-whatever")).toBe(true);
    expect(isGuestLogin("2023010001")).toBe(false);
    expect(guestQrText("AB2C3D", "123456")).toContain("guest-AB2C3D");
  });

  it("says whether a pass is live: revoked, used up and expired (at the instant) are not", () => {
    const now = new Date("2026-12-01T08:00:00Z");
    const base = { expiresAt: new Date(now.getTime() + 1000), revokedAt: null, usedBytes: 0n, maxBytes: 10n };
    expect(guestPassState(base, now)).toBe("LIVE");
    expect(guestPassState({ ...base, expiresAt: now }, now)).toBe("EXPIRED");
    expect(guestPassState({ ...base, usedBytes: 10n }, now)).toBe("USED_UP");
    expect(guestPassState({ ...base, usedBytes: 10n, revokedAt: now }, now)).toBe("REVOKED");
  });

  it("caps the guest rate at the issuer's own rate", () => {
    const guest = { guestUpKbps: 1024, guestDownKbps: 4096 };
    expect(guestRate({ mode: "HIGH_SPEED", upKbps: 51200, downKbps: 102400 }, guest)).toEqual({ mode: "HIGH_SPEED", upKbps: 1024, downKbps: 4096 });
    expect(guestRate({ mode: "THROTTLED", upKbps: 512, downKbps: 2048 }, guest)).toEqual({ mode: "THROTTLED", upKbps: 512, downKbps: 2048 });
  });
});
