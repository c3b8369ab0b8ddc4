import { describe, expect, it } from "vitest";
import {
  accountingAttributes,
  dailyGiB,
  demandBytesPerSecond,
  devicesFor,
  downBpsFromAttributes,
  flattenRestReply,
  GIGAWORD,
  onlineShare,
  pickTerminateCause,
  rateCapBytesPerSecond,
  restBody,
  shanghaiClock,
  simulatedTime,
  simulatorPassword,
  splitOctets,
  startProbability,
  stopProbability,
} from "./simulator-model";
import { macSchema, networkPasswordSchema } from "@/modules/network/schemas";

describe("RADIUS counters", () => {
  it("splits 64-bit totals into octets and gigawords", () => {
    expect(splitOctets(0n)).toEqual({ octets: 0, gigawords: 0 });
    expect(splitOctets(GIGAWORD - 1n)).toEqual({ octets: 4294967295, gigawords: 0 });
    expect(splitOctets(GIGAWORD)).toEqual({ octets: 0, gigawords: 1 });
    expect(splitOctets(5n * GIGAWORD + 123n)).toEqual({ octets: 123, gigawords: 5 });
    expect(() => splitOctets(-1n)).toThrow(RangeError);
  });

  it("puts gigawords into the accounting attributes and maps a MAC to the NAS's dashes", () => {
    const a = accountingAttributes({
      status: "Interim-Update",
      nasIp: "127.0.0.1",
      user: "2023010001",
      sessionId: "S1",
      uniqueId: "u1",
      mac: "AA:BB:CC:00:11:22",
      ip: "10.20.1.2",
      input: 10n,
      output: 6n * GIGAWORD + 7n,
      at: new Date(1_700_000_000_500),
    });
    expect(a).toMatchObject({
      "Acct-Output-Octets": 7,
      "Acct-Output-Gigawords": 6,
      "Acct-Input-Octets": 10,
      "Acct-Input-Gigawords": 0,
      "Calling-Station-Id": "AA-BB-CC-00-11-22",
      "Event-Timestamp": 1_700_000_000,
    });
    expect(a["Acct-Terminate-Cause"]).toBeUndefined();
    expect(accountingAttributes({ status: "Stop", nasIp: "127.0.0.1", at: new Date(), cause: "Admin-Reset" })["Acct-Terminate-Cause"]).toBe("Admin-Reset");
    expect(Object.keys(accountingAttributes({ status: "Accounting-On", nasIp: "127.0.0.1", at: new Date() }))).not.toContain("User-Name");
  });

  it("builds rlm_rest bodies and reads replies", () => {
    expect(restBody({ "User-Name": "x", "Acct-Input-Octets": 5, skip: undefined })).toEqual({
      "User-Name": { type: "string", value: ["x"] },
      "Acct-Input-Octets": { type: "integer", value: [5] },
    });
    const flat = flattenRestReply({
      "WISPr-Bandwidth-Max-Down": { op: ":=", value: 2097152, do_xlat: false },
      "Reply-Message": { op: "+=", value: ["限速", "slow"], do_xlat: false },
    });
    expect(flat["Reply-Message"]).toEqual(["限速", "slow"]);
    expect(downBpsFromAttributes(flat)).toBe(2097152);
    expect(downBpsFromAttributes({ "WISPr-Bandwidth-Max-Down": ["104857600"] })).toBe(104857600);
    expect(downBpsFromAttributes({ "Mikrotik-Rate-Limit": "1M/2M" })).toBe(2 * 1024 * 1024);
    expect(downBpsFromAttributes({})).toBeNull();
  });
});

describe("the campus", () => {
  it("gives every student stable, valid devices with 10.x data addresses", () => {
    const a = devicesFor("2023010001");
    expect(devicesFor("2023010001")).toEqual(a);
    expect(a[0]!.kind).toBe("phone");
    for (const no of ["2023010001", "2022011000", "2025121999"]) {
      for (const d of devicesFor(no)) {
        expect(macSchema.safeParse(d.mac).success, d.mac).toBe(true);
        expect(d.ip).toMatch(/^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
        expect(d.ip.split(".").every((x) => Number(x) <= 255)).toBe(true);
      }
    }
    const many = Array.from({ length: 200 }, (_, i) => devicesFor(`2024${i}`)).flat();
    expect(new Set(many.map((d) => d.mac)).size).toBe(many.length);
  });

  it("makes a network password the app's rules accept", () => {
    const pw = simulatorPassword("2023010001", "k");
    expect(networkPasswordSchema.safeParse(pw).success).toBe(true);
    expect(simulatorPassword("2023010001", "k")).toBe(pw);
    expect(simulatorPassword("2023010002", "k")).not.toBe(pw);
  });

  it("runs the clock faster and follows a day/night rhythm", () => {
    expect(simulatedTime(1000, 2000, 60).getTime()).toBe(1000 + 60_000);
    expect(shanghaiClock(new Date("2026-03-02T14:30:00Z"))).toEqual({ hour: 22.5, weekday: 1 });
    expect(onlineShare(4, 2)).toBeLessThan(0.1);
    expect(onlineShare(22, 2)).toBeGreaterThan(0.75);
    expect(onlineShare(14, 6)).toBeGreaterThan(onlineShare(14, 2));
  });

  it("keeps the online share at equilibrium", () => {
    const q = stopProbability(1000, 10 * 60_000);
    expect(q).toBeCloseTo(1 / 600, 4);
    const p = startProbability(0.5, q);
    expect(p / (p + q)).toBeCloseTo(0.5, 6);
    expect(startProbability(0.8, q) / (startProbability(0.8, q) + q)).toBeCloseTo(0.8, 6);
  });

  it("moves tens to hundreds of MB per 10 s interim at 60×, and far less when throttled", () => {
    const typical = demandBytesPerSecond({ dailyGiB: 0.55, kind: "laptop", hour: 21, speedup: 60 }) * 10;
    expect(typical).toBeGreaterThan(10 * 1024 ** 2);
    expect(typical).toBeLessThan(100 * 1024 ** 2);
    const heavy = demandBytesPerSecond({ dailyGiB: 4, kind: "laptop", hour: 21, speedup: 60 }) * 10;
    expect(heavy).toBeGreaterThan(100 * 1024 ** 2);
    expect(demandBytesPerSecond({ dailyGiB: 0.55, kind: "phone", hour: 4, speedup: 60 })).toBeLessThan(typical / 10);
    expect(rateCapBytesPerSecond(2048, 1)).toBe(262144);
    const habits = Array.from({ length: 500 }, (_, i) => dailyGiB(`s${i}`));
    const median = habits.sort((a, b) => a - b)[250]!;
    expect(median).toBeGreaterThan(0.35);
    expect(median).toBeLessThan(0.9);
    expect(Math.max(...habits)).toBeLessThanOrEqual(6);
  });

  it("ends sessions for the usual reasons", () => {
    expect(pickTerminateCause(0)).toBe("User-Request");
    expect(pickTerminateCause(0.6)).toBe("Lost-Carrier");
    expect(pickTerminateCause(0.8)).toBe("Idle-Timeout");
    expect(pickTerminateCause(0.999)).toBe("NAS-Request");
  });
});
