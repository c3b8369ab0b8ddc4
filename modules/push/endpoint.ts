// Which push-service endpoints a subscription may name (decision 023). The job POSTs to the
// endpoint from the server, so an endpoint is a URL a student chose: only the browsers' push
// services (and hosts the campus lists in PUSH_SERVICE_HOSTS) are accepted, over https; plain
// http only to a listed loopback host (a test push service). Pure.

export const BROWSER_PUSH_HOSTS = [
  "fcm.googleapis.com", // Chrome, Edge (Chromium), Opera, Samsung Internet
  "android.googleapis.com",
  "push.services.mozilla.com", // Firefox: updates.push.services.mozilla.com
  "push.apple.com", // Safari: web.push.apple.com
  "notify.windows.com", // legacy Edge: *.notify.windows.com
] as const;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function endpointAllowed(endpoint: string, extraHosts: string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  const listed = (h: string) => host === h || host.endsWith(`.${h}`);
  const extra = extraHosts.map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (url.protocol === "https:") return BROWSER_PUSH_HOSTS.some(listed) || extra.some(listed);
  return url.protocol === "http:" && LOOPBACK.has(host) && extra.includes(host);
}
