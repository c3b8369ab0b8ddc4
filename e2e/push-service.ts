// A Web Push service inside the test process, for e2e/push.spec.ts (decision 023). A real Chromium
// subscription would name Google's push service, which this machine cannot reach; so the test
// makes the subscription's keys itself, the page's PushManager hands out an endpoint on this
// server, and this server does what a push service does with the app's request:
//   1. checks the VAPID Authorization header (RFC 8292): `vapid t=<JWT>, k=<public key>`, an ES256
//      signature made with k, k is the campus's public key, aud is this service's origin, exp in
//      the future (and at most 24 h ahead), sub present;
//   2. decrypts the aes128gcm body (RFC 8188 framing, RFC 8291 keys) with the subscription's
//      private key and auth secret;
//   3. answers with the status the test chose (201, or 410 "gone"), and on 2xx hands the
//      plaintext to the test (which delivers it to the real service worker through CDP).
// Only node:crypto and node:http: the point is to check the app's crypto with code it does not share.
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedPush {
  /** what the service answered */
  status: number;
  claims: { aud: string; exp: number; sub: string };
  ttl: number;
  urgency: string | null;
  /** the decrypted payload (the app's PushPayload as JSON) */
  payload: string;
}

export interface TestPushService {
  origin: string;
  /** What PushSubscription.toJSON() would give the page. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Requests that passed every check, in order. */
  received: ReceivedPush[];
  /** Requests that failed a check, with why (the test expects none). */
  rejected: string[];
  /** The status answered to the next pushes (201 by default; 410 says the subscription is gone). */
  answer: number;
  /** Called with each push answered 2xx; its promise is awaited by `settled()`. */
  onPush?: (push: ReceivedPush) => Promise<unknown>;
  /** Resolves when every onPush call so far has finished (rejects with the first failure). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const b64url = (b: Buffer) => b.toString("base64url");

/** RFC 8292: verifies `vapid t=…, k=…`; returns the JWT's claims or throws with the reason. */
export function verifyVapid(header: string | undefined, expectedKey: string, audience: string, nowSeconds: number): ReceivedPush["claims"] {
  const m = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!m) throw new Error(`Authorization is not "vapid t=…, k=…": ${header}`);
  const [, token, k] = m as unknown as [string, string, string];
  if (k !== expectedKey) throw new Error("k is not the campus's VAPID public key");
  const [h, p, s] = token.split(".") as [string, string, string];
  const jose = JSON.parse(Buffer.from(h, "base64url").toString("utf8")) as { alg?: string };
  if (jose.alg !== "ES256") throw new Error(`JWT alg ${jose.alg}, not ES256`);
  // k is an uncompressed P-256 point: 0x04 ‖ x (32 bytes) ‖ y (32 bytes)
  const point = Buffer.from(k, "base64url");
  if (point.length !== 65 || point[0] !== 4) throw new Error("k is not an uncompressed P-256 point");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) }, format: "jwk" });
  // a JWS ES256 signature is r ‖ s (IEEE P1363), not DER
  if (!verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"))) {
    throw new Error("JWT signature does not verify with k");
  }
  const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Partial<ReceivedPush["claims"]>;
  if (claims.aud !== audience) throw new Error(`aud ${claims.aud}, not ${audience}`);
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) throw new Error(`exp ${claims.exp} is not in the future`);
  if (claims.exp > nowSeconds + 24 * 3600) throw new Error("exp is more than 24 h ahead (RFC 8292 §2)");
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${claims.sub} is not a mailto: or https: contact`);
  return claims as ReceivedPush["claims"];
}

/** RFC 8291 + RFC 8188: the plaintext of an aes128gcm Web Push body, for the user agent's keys. */
export function decryptAes128gcm(body: Buffer, ua: ECDH, authSecret: Buffer): string {
  // header: salt (16) ‖ record size (uint32) ‖ idlen (1) ‖ keyid; for Web Push the keyid is the
  // application server's one-off public key (65 bytes)
  if (body.length < 21) throw new Error("body shorter than the aes128gcm header");
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const asPublic = body.subarray(21, 21 + idLength);
  if (idLength !== 65) throw new Error(`keyid of ${idLength} bytes, not a P-256 public key`);
  const records = body.subarray(21 + idLength);

  // RFC 8291 §3.4: IKM from the ECDH secret, salted with the auth secret, bound to both public keys
  const ecdhSecret = ua.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0", "latin1"), ua.getPublicKey(), asPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, authSecret, keyInfo, 32));
  // RFC 8188 §2.2/2.3: content key and nonce from the IKM and the body's salt
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0", "latin1"), 16));
  const nonceBase = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0", "latin1"), 12));

  const parts: Buffer[] = [];
  for (let seq = 0, at = 0; at < records.length; seq++, at += recordSize) {
    const record = records.subarray(at, at + recordSize);
    const last = at + recordSize >= records.length;
    // each record's nonce: the base XOR its sequence number (96-bit big-endian; seq fits the low 32 bits)
    const nonce = Buffer.from(nonceBase);
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // padding: the data, one delimiter byte (2 in the last record, 1 before), then zeros
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    if (plain[end] !== (last ? 2 : 1)) throw new Error(`record ${seq}: padding delimiter ${plain[end]}`);
    parts.push(plain.subarray(0, end));
  }
  return Buffer.concat(parts).toString("utf8");
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startTestPushService(opts: { vapidPublicKey: string }): Promise<TestPushService> {
  // the user agent's side of the subscription: a P-256 key pair and a 16-byte auth secret
  const ua = createECDH("prime256v1");
  ua.generateKeys();
  const authSecret = randomBytes(16);
  const path = `/push/${randomBytes(12).toString("base64url")}`;
  const pending: Promise<unknown>[] = [];

  const service: TestPushService = {
    origin: "",
    subscription: { endpoint: "", keys: { p256dh: b64url(ua.getPublicKey()), auth: b64url(authSecret) } },
    received: [],
    rejected: [],
    answer: 201,
    async settled() {
      await Promise.all(pending);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      let push: ReceivedPush;
      try {
        if (req.method !== "POST" || req.url !== path) throw new Error(`${req.method} ${req.url}: not this subscription's endpoint`);
        if (req.headers["content-encoding"] !== "aes128gcm") throw new Error(`Content-Encoding ${req.headers["content-encoding"]}`);
        const ttl = Number(req.headers.ttl);
        if (!Number.isInteger(ttl) || ttl < 0) throw new Error(`TTL ${req.headers.ttl}`);
        const claims = verifyVapid(req.headers.authorization, opts.vapidPublicKey, service.origin, Math.floor(Date.now() / 1000));
        const payload = decryptAes128gcm(body, ua, authSecret);
        push = { status: service.answer, claims, ttl, urgency: (req.headers.urgency as string | undefined) ?? null, payload };
      } catch (e) {
        service.rejected.push((e as Error).message);
        res.writeHead(400, { "content-type": "text/plain" }).end((e as Error).message);
        return;
      }
      service.received.push(push);
      res.writeHead(push.status).end();
      if (push.status >= 200 && push.status < 300 && service.onPush) pending.push(service.onPush(push));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  service.origin = `http://127.0.0.1:${port}`;
  service.subscription.endpoint = `${service.origin}${path}`;
  return service;
}
