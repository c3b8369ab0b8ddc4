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
// The checks (VAPID, aes128gcm) are modules/push/test-push-service.ts's, which the delivery int tests
// use too: only node:crypto and node:http, so the app's crypto (web-push) is checked by code it does not share.
import { createECDH, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { wallMs } from "../lib/clock";
import { decryptAes128gcm, verifyVapid } from "../modules/push/test-push-service";

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
        const claims = verifyVapid(req.headers.authorization, {
          publicKey: opts.vapidPublicKey,
          audience: service.origin,
          nowSec: Math.floor(wallMs() / 1000),
        }) as ReceivedPush["claims"];
        const payload = decryptAes128gcm(body, { ecdh: ua, authSecret }).toString("utf8");
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
