import { describe, expect, it } from "vitest";
import { drawOrder } from "@/modules/quota/rules";
import {
  buildRestReply,
  counterDelta,
  normaliseMac,
  octetTotal,
  parseAcctStatus,
  parseEventTimestamp,
  parseRestBody,
  radiusString,
  RestBodyError,
  restUtf8,
  TWO_32,
} from "./codec";
import { rejectMessages } from "./messages";
import { AccountingParseError, parseAccessRequest, parseAccounting, type SessionPacket } from "./packets";
import { DEFAULT_RATE_TEMPLATE, mikrotikRate, parseRateTemplate, rateAttributes, rateFor } from "./rates";

const policy = { highSpeedDownKbps: 102400, highSpeedUpKbps: 51200, throttledDownKbps: 2048, throttledUpKbps: 1024 };

describe("rlm_rest request body", () => {
  it("parses typed attributes, enumerated names, integers and case-insensitive names", () => {
    const a = parseRestBody({
      "User-Name": { type: "string", value: ["2023001"] },
      "Acct-Status-Type": { type: "integer", value: ["Interim-Update"] },
      "Acct-Input-Octets": { type: "integer", value: [4294967295] },
      "Framed-IP-Address": { type: "ipaddr", value: ["10.1.2.3"] },
      "Reply-Message": { type: "string", value: ["a", "b"] },
    });
    expect(a.str("user-name")).toBe("2023001");
    expect(a.str("ACCT-STATUS-TYPE")).toBe("Interim-Update");
    expect(a.uint("Acct-Input-Octets")).toBe(4294967295n);
    expect(a.all("Reply-Message")).toEqual(["a", "b"]);
    expect(a.str("Missing")).toBeUndefined();
    expect(a.uint("Framed-IP-Address")).toBeUndefined();
  });

  it("accepts bare values and refuses what is not an object", () => {
    expect(parseRestBody({ "User-Name": "x", N: 5 }).uint("N")).toBe(5n);
    expect(() => parseRestBody([])).toThrow(RestBodyError);
    expect(() => parseRestBody("x")).toThrow(RestBodyError);
    expect(() => parseRestBody(null)).toThrow(RestBodyError);
  });

  it("decodes the UTF-8 octets rlm_rest sends one character each, and leaves everything else alone", () => {
    const asRlmRest = (s: string) => Buffer.from(s, "utf8").toString("latin1");
    expect(asRlmRest("网")).toBe("ç½\u0091");
    expect(restUtf8(asRlmRest("网络中心-图书馆"))).toBe("网络中心-图书馆");
    expect(parseRestBody({ "User-Name": { type: "string", value: [asRlmRest("张三")] } }).str("User-Name")).toBe("张三");
    expect(restUtf8("plain ascii")).toBe("plain ascii");
    expect(restUtf8("网")).toBe("网"); // already text
    expect(restUtf8("caf\u00e9")).toBe("caf\u00e9"); // Latin-1 that is not UTF-8
    expect(restUtf8("\u00ef\u00bb\u00bfx")).toBe("\ufeffx"); // a BOM is kept, not eaten
  });

  it("reads Acct-Status-Type by name, old alias or number", () => {
    expect(parseAcctStatus("Start")).toBe("Start");
    expect(parseAcctStatus("Interim-Update")).toBe("Interim-Update");
    expect(parseAcctStatus("Alive")).toBe("Interim-Update");
    expect(parseAcctStatus("Accounting-On")).toBe("Accounting-On");
    expect(parseAcctStatus(2)).toBe("Stop");
    expect(parseAcctStatus("8")).toBe("Accounting-Off");
    expect(parseAcctStatus("Failed")).toBeNull();
    expect(parseAcctStatus(15)).toBeNull();
  });

  it("parses Event-Timestamp as FreeRADIUS prints it, numbers and ISO", () => {
    expect(parseEventTimestamp("Nov 23 2026 07:04:05 UTC")?.toISOString()).toBe("2026-11-23T07:04:05.000Z");
    expect(parseEventTimestamp("Nov  3 2026 15:04:05 CST")?.toISOString()).toBe("2026-11-03T07:04:05.000Z");
    expect(parseEventTimestamp("Jan 1 2027 00:00:00 +0800")?.toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(parseEventTimestamp(1795000000)?.getTime()).toBe(1795000000_000);
    expect(parseEventTimestamp("1795000000")?.getTime()).toBe(1795000000_000);
    expect(parseEventTimestamp("2026-11-23T07:04:05Z")?.toISOString()).toBe("2026-11-23T07:04:05.000Z");
    expect(parseEventTimestamp("Nov 23 2026 07:04:05 XYZ")).toBeNull();
    expect(parseEventTimestamp("yesterday")).toBeNull();
  });

  it("normalises MACs in NAS spellings and refuses others", () => {
    expect(normaliseMac("aa-bb-cc-dd-ee-0f")).toBe("AA:BB:CC:DD:EE:0F");
    expect(normaliseMac("aabbccddee0f")).toBe("AA:BB:CC:DD:EE:0F");
    expect(normaliseMac("aabb.ccdd.ee0f")).toBe("AA:BB:CC:DD:EE:0F");
    expect(normaliseMac("AA:BB:CC:DD:EE:0F")).toBe("AA:BB:CC:DD:EE:0F");
    expect(normaliseMac("2023001")).toBeNull();
    expect(normaliseMac("aa:bb:cc:dd:ee")).toBeNull();
    expect(normaliseMac("gg:bb:cc:dd:ee:ff")).toBeNull();
    expect(normaliseMac(undefined)).toBeNull();
  });
});

describe("gigaword arithmetic", () => {
  it("folds gigawords into a 64-bit total", () => {
    expect(octetTotal(0n, 0n)).toBe(0n);
    expect(octetTotal(4294967295n, 0n)).toBe(4294967295n);
    expect(octetTotal(0n, 1n)).toBe(TWO_32);
    expect(octetTotal(5n, 3n)).toBe(3n * 4294967296n + 5n);
    expect(octetTotal(undefined, undefined)).toBe(0n);
    // 120 GiB package day: well past any 32-bit or double-precision trouble
    expect(octetTotal(123n, 30n)).toBe(128849018880n + 123n);
  });

  it("charges across the 2^32 wrap exactly what was added", () => {
    const before = octetTotal(4294967000n, 0n);
    const after = octetTotal(200n, 1n); // the 32-bit counter wrapped, gigawords went up
    expect(counterDelta(before, after)).toBe(496n);
  });

  it("charges past 4 GiB and never goes negative on reorder or retransmission", () => {
    const a = octetTotal(100n, 2n);
    const b = octetTotal(100n, 5n);
    expect(counterDelta(a, b)).toBe(3n * TWO_32);
    expect(counterDelta(b, a)).toBe(0n);
    expect(counterDelta(b, b)).toBe(0n);
  });

  it("reads gigawords from an accounting body", () => {
    const p = parseAccounting(
      parseRestBody({
        "Acct-Status-Type": { type: "integer", value: ["Interim-Update"] },
        "Acct-Session-Id": { type: "string", value: ["s1"] },
        "Acct-Unique-Session-Id": { type: "string", value: ["u1"] },
        "User-Name": { type: "string", value: ["2023001"] },
        "NAS-IP-Address": { type: "ipaddr", value: ["10.0.0.1"] },
        "Acct-Input-Octets": { type: "integer", value: [7] },
        "Acct-Input-Gigawords": { type: "integer", value: [1] },
        "Acct-Output-Octets": { type: "integer", value: [4294967295] },
        "Acct-Output-Gigawords": { type: "integer", value: [6] },
        "Calling-Station-Id": { type: "string", value: ["aa-bb-cc-00-11-22"] },
      }),
      new Date("2026-11-23T00:00:00Z"),
    ) as SessionPacket;
    expect(p.inputOctets).toBe(TWO_32 + 7n);
    expect(p.outputOctets).toBe(6n * TWO_32 + 4294967295n);
    expect(p.mac).toBe("AA:BB:CC:00:11:22");
    expect(p.at.toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });
});

describe("accounting and access requests", () => {
  const now = new Date("2026-11-23T08:00:00Z");
  it("uses Event-Timestamp but never a future one", () => {
    const body = (ts: string) =>
      parseRestBody({ "Acct-Status-Type": "Start", "Acct-Session-Id": "s", "User-Name": "u", "Event-Timestamp": { type: "date", value: [ts] } });
    expect(parseAccounting(body("Nov 23 2026 07:59:00 UTC"), now)!.at.toISOString()).toBe("2026-11-23T07:59:00.000Z");
    expect(parseAccounting(body("Nov 23 2026 09:00:00 UTC"), now)!.at).toEqual(now);
  });

  it("recomputes a unique id when preacct did not, and refuses a packet without a session", () => {
    const a = parseAccounting(
      parseRestBody({ "Acct-Status-Type": "Start", "Acct-Session-Id": "s", "User-Name": "u", "NAS-IP-Address": "10.0.0.1" }),
      now,
    ) as SessionPacket;
    const b = parseAccounting(
      parseRestBody({ "Acct-Status-Type": "Stop", "Acct-Session-Id": "s", "User-Name": "u", "NAS-IP-Address": "10.0.0.1" }),
      now,
    ) as SessionPacket;
    expect(a.uniqueId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.uniqueId).toBe(b.uniqueId);
    expect(() => parseAccounting(parseRestBody({ "Acct-Status-Type": "Start", "User-Name": "u" }), now)).toThrow(AccountingParseError);
    expect(() => parseAccounting(parseRestBody({ "User-Name": "u" }), now)).toThrow(AccountingParseError);
    expect(parseAccounting(parseRestBody({ "Acct-Status-Type": "Failed" }), now)).toBeNull();
    expect(parseAccounting(parseRestBody({ "Acct-Status-Type": "Accounting-On", "NAS-IP-Address": "10.0.0.9" }), now)).toEqual({
      status: "Accounting-On",
      nasIp: "10.0.0.9",
      at: now,
    });
  });

  it("reads an Access-Request for PAP and for MAC authentication", () => {
    const pap = parseAccessRequest(parseRestBody({ "User-Name": "2023001", "User-Password": "secret12", "Calling-Station-Id": "AA-BB-CC-DD-EE-01" }))!;
    expect(pap).toMatchObject({ username: "2023001", password: "secret12", usernameMac: null, callingMac: "AA:BB:CC:DD:EE:01", hasChallengeAuth: false });
    const mab = parseAccessRequest(parseRestBody({ "User-Name": "aabbccddee02", "CHAP-Password": "x" }))!;
    expect(mab).toMatchObject({ usernameMac: "AA:BB:CC:DD:EE:02", hasChallengeAuth: true, password: undefined });
    expect(parseAccessRequest(parseRestBody({}))).toBeNull();
  });
});

describe("rlm_rest reply", () => {
  it("marks every value do_xlat false, arrays as +=, and control attributes by prefix", () => {
    const r = buildRestReply(
      { "Reply-Message": ["中文", "English"], "WISPr-Bandwidth-Max-Down": 2097152, "User-Name": "%{exec:/bin/sh}", Skip: undefined },
      { "Auth-Type": "Accept" },
    );
    expect(r).toEqual({
      "Reply-Message": { op: "+=", value: ["中文", "English"], do_xlat: false },
      "WISPr-Bandwidth-Max-Down": { op: ":=", value: 2097152, do_xlat: false },
      "User-Name": { op: ":=", value: "%{exec:/bin/sh}", do_xlat: false },
      "control:Auth-Type": { op: ":=", value: "Accept", do_xlat: false },
    });
  });

  it("keeps Reply-Message texts within 253 octets", () => {
    expect(Buffer.byteLength(radiusString("中".repeat(200)))).toBeLessThanOrEqual(253);
    for (const reason of ["BAD_CREDENTIALS", "NO_NETWORK_PASSWORD", "LOCKED", "PAUSED", "SUSPENDED", "DEVICE_BLOCKED", "UNSUPPORTED_AUTH"] as const) {
      const [zh, en] = rejectMessages(reason, { lockedUntil: new Date("2026-11-23T07:30:00Z") });
      expect(Buffer.byteLength(zh)).toBeLessThanOrEqual(253);
      expect(Buffer.byteLength(en)).toBeLessThanOrEqual(253);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(rejectMessages("LOCKED", { lockedUntil: new Date("2026-11-23T07:30:00Z") })[0]).toContain("15:30");
  });
});

describe("rate profile", () => {
  it("sends WISPr bit/s and a Mikrotik rate for each mode, never a cap", () => {
    expect(rateAttributes(rateFor("THROTTLED", policy))).toEqual({
      "WISPr-Bandwidth-Max-Up": 1024 * 1024,
      "WISPr-Bandwidth-Max-Down": 2048 * 1024,
      "Mikrotik-Rate-Limit": "1M/2M",
    });
    expect(rateAttributes(rateFor("HIGH_SPEED", policy))["Mikrotik-Rate-Limit"]).toBe("50M/100M");
    expect(mikrotikRate(1500)).toBe("1500k");
    expect(Object.keys(DEFAULT_RATE_TEMPLATE).some((k) => /octets|limit-gigawords|total/i.test(k))).toBe(false);
  });

  it("takes a configured template and refuses quota caps", () => {
    const t = parseRateTemplate('{"Huawei-Input-Average-Rate":"{upBps}","Filter-Id":"rate-{downKbps}k"}');
    expect(rateAttributes(rateFor("THROTTLED", policy), t)).toEqual({ "Huawei-Input-Average-Rate": 1048576, "Filter-Id": "rate-2048k" });
    expect(() => parseRateTemplate('{"Mikrotik-Total-Limit":"1"}')).toThrow(/not allowed/);
    expect(() => parseRateTemplate('{"Session-Octets-Limit":"1"}')).toThrow(/not allowed/);
    expect(() => parseRateTemplate("[]")).toThrow();
  });
});

describe("consumption order", () => {
  it("draws the free quota first, then the package, then runs throttled", () => {
    expect(drawOrder(100n, 50n, 30n)).toEqual({ fromFree: 30n, fromPackage: 0n, throttledBytes: 0n });
    expect(drawOrder(100n, 50n, 120n)).toEqual({ fromFree: 100n, fromPackage: 20n, throttledBytes: 0n });
    expect(drawOrder(100n, 50n, 500n)).toEqual({ fromFree: 100n, fromPackage: 50n, throttledBytes: 350n });
    expect(drawOrder(0n, 0n, 7n)).toEqual({ fromFree: 0n, fromPackage: 0n, throttledBytes: 7n });
  });
});
