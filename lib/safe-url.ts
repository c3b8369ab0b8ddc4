// Where we send a browser after sign-in or after the sandbox checkout: only back to our own
// origin. Browsers strip tabs and newlines from URLs and read "\" as "/", so "/\t/evil.com"
// or "/\evil.com" would leave the site: such input is refused outright, not repaired.

// Any C0 control character, DEL, or a backslash.
const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

/** The text after up to three rounds of percent-decoding; null when it does not decode. */
function decoded(value: string): string | null {
  let s = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(s);
    } catch {
      return null;
    }
    if (next === s) return s;
    s = next;
  }
  return s;
}

/**
 * `value` as a path (+ query and fragment) on `base`'s origin, or null when it would leave
 * that origin or carries control characters, backslashes (also percent-encoded) or a
 * `//`-like start. Absolute URLs are accepted only when `allowAbsolute` and same-origin.
 */
export function sameOriginPath(value: unknown, base: string, opts: { allowAbsolute?: boolean } = {}): string | null {
  if (typeof value !== "string" || value === "" || value.length > 2048) return null;
  const plain = decoded(value);
  if (plain === null || FORBIDDEN.test(value) || FORBIDDEN.test(plain)) return null;
  const relative = value.startsWith("/");
  // An absolute address must say its scheme itself: no leading spaces, no "javascript:".
  if (!relative && !(opts.allowAbsolute && /^https?:\/\/[^/]/i.test(value))) return null;
  if (value.startsWith("//") || plain.startsWith("//")) return null;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(base).origin;
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.com" normalises to "//evil.com": a protocol-relative address once sent back out.
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  return path;
}

// Any fixed origin does for checking a relative path: only the path is returned.
const PATH_BASE = "http://campusnet.invalid";

/** Only same-site relative paths may be used as a post-login destination. */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  const path = sameOriginPath(value, PATH_BASE);
  if (path === null) return fallback;
  if (path === "/signin" || path.startsWith("/signin?") || path.startsWith("/signin/") || path.startsWith("/api/auth")) return fallback;
  return path;
}

/** next-auth's redirect callback: same-origin only (relative or absolute), else the app's home. */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const path = sameOriginPath(url, baseUrl, { allowAbsolute: true });
  return path === null ? baseUrl : new URL(path, baseUrl).toString();
}
