// The Content-Security-Policy and Strict-Transport-Security that proxy.ts puts on every page
// (decision 009). Scripts run only with this request's nonce, as
// Next documents: Next reads the nonce from the request's CSP header and puts it on its own
// scripts; 'strict-dynamic' extends the trust to the chunks those load. Pages are rendered
// per request (the locale comes from a cookie), so every page gets a fresh nonce.

/** A fresh, unpredictable nonce for one response (base64 of 16 random bytes). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    // React in development evaluates code for its error overlay and stack traces.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (recharts' SVG, inline widths of progress bars) cannot carry a nonce;
    // styles cannot run code, and scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The service worker (app/serwist) is a same-origin script.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Two years, as the HSTS preload list asks; sub-domains are the campus's to decide. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000";
