// The production headers (lib/security-headers.ts, decision 009): every page carries a
// Content-Security-Policy whose script nonce is fresh per response, HSTS is sent in
// production, and the app still works under the policy: no CSP violation while a student
// signs in, sees the usage chart (recharts) and the service worker takes control.
import { DEMO, expect, test } from "./fixtures";

function scriptNonce(csp: string | null): string | null {
  return csp?.match(/script-src [^;]*'nonce-([^']+)'/)?.[1] ?? null;
}

test("public pages carry a nonce-based CSP, fresh each time, and HSTS", async ({ request }) => {
  const first = await request.get("/signin");
  const second = await request.get("/signin");
  const csp = first.headers()["content-security-policy"] ?? null;
  const nonce = scriptNonce(csp);
  expect(nonce, `CSP: ${csp}`).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(scriptNonce(second.headers()["content-security-policy"] ?? null)).not.toBe(nonce);
  const html = await first.text();
  // Next puts the nonce on its own scripts.
  expect(html).toContain(`nonce="${nonce}"`);
  expect(first.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
});

test.describe("signed in", () => {
  test.use({ account: DEMO.student });

  test("no CSP violations: pages, the usage chart and the service worker work under the policy", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load|connect|apply)/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    const res = await page.goto("/");
    expect(scriptNonce(res?.headers()["content-security-policy"] ?? null)).toBeTruthy();
    // The chart loads when it comes near the screen (modules/usage/components/usage-bar-chart-lazy.tsx).
    await page.getByRole("figure").first().scrollIntoViewIfNeeded();
    await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
    await page.goto("/network/usage");
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe("/");
    expect(violations).toEqual([]);
  });
});
