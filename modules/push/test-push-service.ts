// Tests only (never imported by app code): a push service on 127.0.0.1 that checks what a real
// one checks and decrypts what only the browser could read.
//   - VAPID (RFC 8292, checked against the wall clock, as web-push signs with it): `Authorization: vapid t=<JWT>, k=<public key>`; the JWT is ES256, signed
//     by the key in k (which must be the app's VAPID public key), aud = this service's origin,
//     exp in the future and at most 24 h away, sub a mailto: or https: contact.
//   - The body (RFC 8291, aes128gcm of RFC 8188): ECDH (prime256v1) between the sender's key in
//     the header and the subscription's private key, HKDF with the subscription's auth secret,
//     AES-128-GCM; the record's padding delimiter is checked and stripped.
// Subscriptions are made here (as a browser would: a P-256 key pair and a 16-byte secret);
// each has its own endpoint path and an optional script of answers ([500, 201] = fail, then take).
import { createECDH, createPublicKey, createDecipheriv, hkdfSync, randomBytes, randomUUID, verify } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { wallMs } from "@/lib/clock";

export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** the subscription's private side, kept by the "browser" */
  ecdh: ReturnType<typeof createECDH>;
  authSecret: Buffer;
}

export interface ReceivedPush {
  /** the endpoint's path id */
  id: string;
  status: number;
  /** the decrypted JSON, when the request was valid */
  payload: Record<string, unknown> | null;
  /** what was wrong with the request (a 400 was answered), or null */
  error: string | null;
  claims: Record<string, unknown> | null;
  headers: IncomingMessage["headers"];
}

const b64u = (buf: Buffer) => buf.toString("base64url");

/** A JWT ES256 signature is r‖s (64 bytes); node verifies it with dsaEncoding ieee-p1363. */
export function verifyVapid(authorization: string | undefined, expected: { publicKey: string; audience: string; nowSec: number }): Record<string, unknown> {
  const m = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? "");
  if (!m) throw new Error(`Authorization is not "vapid t=…, k=…": ${authorization}`);
  const [, jwt, k] = m as unknown as [string, string, string];
  if (k !== expected.publicKey) throw new Error("k is not the app's VAPID public key");
  const raw = Buffer.from(k, "base64url");
  if (raw.length !== 65 || raw[0] !== 4) throw new Error("k is not an uncompressed P-256 point");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33)) }, format: "jwk" });
  const [h, p, s] = jwt.split(".") as [string, string, string];
  const header = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as Record<string, unknown>;
  if (header.alg !== "ES256") throw new Error(`JWT alg is ${String(header.alg)}, not ES256`);
  const sig = Buffer.from(s, "base64url");
  if (sig.length !== 64) throw new Error("JWT signature is not r‖s");
  if (!verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, sig)) throw new Error("JWT signature does not verify with k");
  const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Record<string, unknown>;
  if (claims.aud !== expected.audience) throw new Error(`aud is ${String(claims.aud)}, not ${expected.audience}`);
  if (typeof claims.exp !== "number" || claims.exp <= expected.nowSec || claims.exp > expected.nowSec + 24 * 3600)
    throw new Error(`exp ${String(claims.exp)} is not within the next 24 h`);
  if (typeof claims.sub !== "string" || !/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(claims.sub)) throw new Error(`sub ${String(claims.sub)} is no contact`);
  return claims;
}

/** RFC 8291 + RFC 8188: what the browser does with a push message (every record, padding checked). */
export function decryptAes128gcm(body: Buffer, sub: Pick<TestSubscription, "ecdh" | "authSecret">): Buffer {
  // header: salt (16) ‖ record size (uint32) ‖ idlen (1) ‖ keyid; for Web Push the keyid is the
  // application server's one-off public key (65 bytes)
  if (body.length < 16 + 4 + 1) throw new Error("body shorter than the aes128gcm header");
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const keyid = body.subarray(21, 21 + idlen);
  const records = body.subarray(21 + idlen);
  if (idlen !== 65) throw new Error(`keyid is ${idlen} bytes, not the sender's 65-byte public key`);
  // RFC 8291 §3.4: IKM from the ECDH secret, salted with the auth secret, bound to both public keys
  const ecdhSecret = sub.ecdh.computeSecret(keyid);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), sub.ecdh.getPublicKey(), keyid]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, sub.authSecret, keyInfo, 32));
  // RFC 8188 §2.2/2.3: content key and nonce from the IKM and the body's salt
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonceBase = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const parts: Buffer[] = [];
  for (let seq = 0, at = 0; at < records.length; seq++, at += rs) {
    const record = records.subarray(at, at + rs);
    const last = at + rs >= records.length;
    // each record's nonce: the base XOR its sequence number (96-bit big-endian; seq fits the low 32 bits)
    const nonce = Buffer.from(nonceBase);
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // padding: the data, one delimiter byte (2 in the last record, 1 before), then zeros
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (end < 0 || padded[end] !== (last ? 2 : 1)) throw new Error(`record ${seq}: no padding delimiter (${last ? "0x02" : "0x01"})`);
    parts.push(padded.subarray(0, end));
  }
  return Buffer.concat(parts);
}

export interface TestPushService {
  origin: string;
  /** A subscription as a browser makes it (new P-256 key pair and auth secret) at this service. */
  subscribe(script?: number[]): TestSubscription;
  /** Answers the endpoint gives next (then 201). */
  script(sub: TestSubscription, statuses: number[]): void;
  received(sub?: TestSubscription): ReceivedPush[];
  close(): Promise<void>;
}

export async function startTestPushService(opts: { vapidPublicKey: () => string }): Promise<TestPushService> {
  const subs = new Map<string, { sub: TestSubscription; script: number[] }>();
  const log: ReceivedPush[] = [];
  let origin = "";

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const id = (req.url ?? "").replace(/^\/push\//, "");
      const entry = subs.get(id);
      const answer = (status: number, record: Omit<ReceivedPush, "id" | "status" | "headers">) => {
        log.push({ id, status, headers: req.headers, ...record });
        res.writeHead(status, status === 201 ? { location: `${origin}/message/${randomUUID()}` } : {}).end();
      };
      if (req.method !== "POST" || !entry) return answer(404, { payload: null, error: "unknown endpoint", claims: null });
      let claims: Record<string, unknown>;
      let payload: Record<string, unknown>;
      try {
        if (req.headers["content-encoding"] !== "aes128gcm") throw new Error(`Content-Encoding ${String(req.headers["content-encoding"])}`);
        if (!/^\d+$/.test(String(req.headers.ttl ?? ""))) throw new Error("no TTL");
        claims = verifyVapid(req.headers.authorization, { publicKey: opts.vapidPublicKey(), audience: origin, nowSec: Math.floor(wallMs() / 1000) });
        payload = JSON.parse(decryptAes128gcm(Buffer.concat(chunks), entry.sub).toString("utf8")) as Record<string, unknown>;
      } catch (e) {
        return answer(400, { payload: null, error: (e as Error).message, claims: null });
      }
      answer(entry.script.shift() ?? 201, { payload, error: null, claims });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    subscribe(script = []) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const id = randomUUID();
      const sub: TestSubscription = {
        endpoint: `${origin}/push/${id}`,
        keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(authSecret) },
        ecdh,
        authSecret,
      };
      subs.set(id, { sub, script: [...script] });
      return sub;
    },
    script(sub, statuses) {
      const entry = subs.get(sub.endpoint.split("/push/")[1]!);
      if (entry) entry.script.push(...statuses);
    },
    received(sub) {
      return sub ? log.filter((r) => r.id === sub.endpoint.split("/push/")[1]) : [...log];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
