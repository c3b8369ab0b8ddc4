// Whether this device's push subscription is one the server still keeps, without the page
// carrying endpoint URLs (each is a capability to push to the device): the page sends short
// SHA-256 digests of the student's stored endpoints and the card digests its own. Web Crypto,
// so the same function runs on the server and in the browser.

export async function endpointKey(endpoint: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(endpoint));
  return [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A VAPID public key (base64url, as the server keeps it) as the bytes PushManager.subscribe wants. */
export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const raw = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** Whether a subscription was made with this VAPID key (a new campus key needs a new subscription). */
export function sameServerKey(made: ArrayBuffer | null | undefined, base64url: string): boolean {
  if (!made) return true; // the browser does not say: assume it is ours
  const a = new Uint8Array(made);
  const b = applicationServerKey(base64url);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
