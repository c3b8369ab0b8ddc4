// Integration test of the bundled dev IdP: a real authorization-code + PKCE flow over HTTP with
// plain fetch, the way next-auth drives it (discovery, authorize, login page, token, JWKS,
// userinfo, RP-initiated logout).
import { createHash, randomBytes } from "node:crypto";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./accounts";
import { startIdp, type RunningIdp } from "./server";

const CLIENT_ID = "campusnet-test";
const CLIENT_SECRET = "campusnet-test-secret";
const APP = "http://localhost:39999"; // never contacted: the test stops at the redirect
const REDIRECT_URI = `${APP}/api/auth/callback/campus`;
const POST_LOGOUT = `${APP}/`;

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  end_session_endpoint: string;
  code_challenge_methods_supported: string[];
  id_token_signing_alg_values_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  scopes_supported: string[];
  claims_supported: string[];
}

/** A tiny cookie jar: enough for one host over http (names only; paths are not needed here). */
class Jar {
  private cookies = new Map<string, string>();
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired =
        attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split("=")[1] ?? "") <= Date.now()) || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

async function send(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set("cookie", cookie);
  const res = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(res);
  return res;
}

/** Follows redirects on the IdP until one leaves it (the callback) or a page is shown. */
async function follow(jar: Jar, issuer: string, res: Response): Promise<{ res: Response; url: string }> {
  let url = res.url;
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    const location = new URL(res.headers.get("location")!, url).href;
    if (!location.startsWith(issuer)) return { res, url: location };
    url = location;
    res = await send(jar, url);
  }
  return { res, url };
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

function authorizeUrl(d: Discovery, p: { challenge?: string; state: string; nonce: string }) {
  const u = new URL(d.authorization_endpoint);
  u.searchParams.set("client_id", CLIENT_ID);
  u.searchParams.set("response_type", "code");
  u.searchParams.set("scope", "openid profile email campus");
  u.searchParams.set("redirect_uri", REDIRECT_URI);
  u.searchParams.set("state", p.state);
  u.searchParams.set("nonce", p.nonce);
  if (p.challenge) {
    u.searchParams.set("code_challenge", p.challenge);
    u.searchParams.set("code_challenge_method", "S256");
  }
  return u.href;
}

/** The token request of a confidential client (client_secret_post) redeeming an authorization code. */
function redeemCode(d: Discovery, code: string, verifier: string, secret = CLIENT_SECRET): Promise<Response> {
  return fetch(d.token_endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      client_id: CLIENT_ID,
      client_secret: secret,
    }),
  });
}

function formAction(html: string, base: string): string {
  const m = /<form[^>]*method="post"[^>]*action="([^"]+)"/.exec(html);
  if (!m) throw new Error("no login form in page");
  return new URL(m[1]!.replace(/&amp;/g, "&"), base).href;
}

describe("dev IdP (统一身份认证)", () => {
  let idp: RunningIdp;
  let d: Discovery;
  const student = DEMO_ACCOUNTS.find((a) => a.role === "student")!;
  const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;

  beforeAll(async () => {
    idp = await startIdp({
      port: 0,
      quiet: true,
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI], postLogoutRedirectUris: [POST_LOGOUT] }],
    });
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    d = (await res.json()) as Discovery;
  }, 30_000);

  afterAll(async () => {
    await idp?.close();
  });

  it("publishes discovery for code + PKCE S256, RS256, secret_basic/post and the campus claims", () => {
    expect(d.issuer).toBe(idp.issuer);
    expect(d.issuer).toMatch(/^http:\/\/localhost:\d+$/);
    expect(d.code_challenge_methods_supported).toEqual(["S256"]);
    expect(d.id_token_signing_alg_values_supported).toContain("RS256");
    expect(d.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_basic", "client_secret_post"]));
    expect(d.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "email", "campus"]));
    expect(d.claims_supported).toEqual(expect.arrayContaining(["sub", "name", "email", "student_number", "campus_role", "college"]));
    expect(d.end_session_endpoint).toBeTruthy();
  });

  it("signs a student in: authorize → login page → code → tokens → verified id_token → userinfo → logout", async () => {
    const jar = new Jar();
    const { verifier, challenge } = pkce();
    const state = randomBytes(8).toString("hex");
    const nonce = randomBytes(8).toString("hex");

    // authorize → interaction (login page)
    let step = await follow(jar, idp.issuer, await send(jar, authorizeUrl(d, { challenge, state, nonce })));
    expect(step.res.status).toBe(200);
    expect(step.url).toMatch(/\/interaction\/[^/]+$/);
    const page = await step.res.text();
    expect(page).toContain("统一身份认证");
    expect(page).toContain('name="username"');
    expect(page).toContain('name="password"');
    expect(page.match(/<button type="submit"/g)).toHaveLength(1); // the 登录 button only
    expect(page).toMatch(/<button type="submit"[^>]*>登录/);
    for (const a of DEMO_ACCOUNTS) {
      expect(page).toContain(a.username);
      expect(page).toContain(a.name);
    }

    // POST credentials → redirects → callback with code
    const login = await send(jar, formAction(page, step.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: student.username, password: DEMO_PASSWORD }),
    });
    step = await follow(jar, idp.issuer, login);
    expect(step.res.status).toBeGreaterThanOrEqual(300);
    expect(step.url.startsWith(REDIRECT_URI)).toBe(true); // no consent page in between
    const callback = new URL(step.url);
    expect(callback.searchParams.get("state")).toBe(state);
    expect(callback.searchParams.get("iss")).toBe(idp.issuer);
    const code = callback.searchParams.get("code");
    expect(code).toBeTruthy();

    // token endpoint, client_secret_basic
    const tokenRes = await fetch(d.token_endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "authorization_code", code: code!, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
    });
    expect(tokenRes.status).toBe(200);
    const tokens = (await tokenRes.json()) as { access_token: string; id_token: string; token_type: string; scope: string };
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.scope.split(" ").sort()).toEqual(["campus", "email", "openid", "profile"]);

    // id_token: RS256, verified against the JWKS
    const jwks = createRemoteJWKSet(new URL(d.jwks_uri));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, jwks, {
      issuer: idp.issuer,
      audience: CLIENT_ID,
      algorithms: ["RS256"],
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.sub).toBe(student.sub);
    expect(payload.nonce).toBe(nonce);
    expect(payload.student_number).toBe(student.username); // conformIdTokenClaims: false
    expect(payload.campus_role).toBe("student");

    // userinfo
    const infoRes = await fetch(d.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(infoRes.status).toBe(200);
    const info = (await infoRes.json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      sub: student.sub,
      name: student.name,
      email: student.email,
      student_number: student.username,
      campus_role: "student",
      college: student.college,
    });

    // SSO: a second authorization with the IdP session skips the login page; the code can be
    // redeemed with client_secret_post as well.
    const second = pkce();
    step = await follow(jar, idp.issuer, await send(jar, authorizeUrl(d, { challenge: second.challenge, state, nonce })));
    expect(step.url.startsWith(REDIRECT_URI)).toBe(true);
    const code2 = new URL(step.url).searchParams.get("code")!;
    const postRes = await redeemCode(d, code2, second.verifier);
    expect(postRes.status).toBe(200);

    // a wrong code_verifier is refused
    const third = pkce();
    step = await follow(jar, idp.issuer, await send(jar, authorizeUrl(d, { challenge: third.challenge, state, nonce })));
    const badPkce = await redeemCode(d, new URL(step.url).searchParams.get("code")!, pkce().verifier);
    expect(badPkce.status).toBe(400);
    expect(((await badPkce.json()) as { error: string }).error).toBe("invalid_grant");

    // RP-initiated logout: confirmation page → confirm → back to the app
    const endUrl = new URL(d.end_session_endpoint);
    endUrl.searchParams.set("id_token_hint", tokens.id_token);
    endUrl.searchParams.set("post_logout_redirect_uri", POST_LOGOUT);
    endUrl.searchParams.set("state", "bye");
    const confirmPage = await send(jar, endUrl.href);
    expect(confirmPage.status).toBe(200);
    const confirmHtml = await confirmPage.text();
    expect(confirmHtml).toContain("退出登录");
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirmHtml)?.[1];
    const action = /id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirmHtml)?.[1];
    expect(xsrf && action).toBeTruthy();
    const done = await send(jar, new URL(action!, idp.issuer).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf: xsrf!, logout: "yes" }),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${POST_LOGOUT}?state=bye`);

    // signed out: the next authorization shows the login page again
    step = await follow(jar, idp.issuer, await send(jar, authorizeUrl(d, { challenge, state, nonce })));
    expect(step.res.status).toBe(200);
    expect(step.url).toMatch(/\/interaction\/[^/]+$/);
  });

  it("rejects a wrong password with the login page and 用户名或密码错误, then accepts the right one", async () => {
    const jar = new Jar();
    const { verifier, challenge } = pkce();
    const step = await follow(jar, idp.issuer, await send(jar, authorizeUrl(d, { challenge, state: "s1", nonce: "n1" })));
    const action = formAction(await step.res.text(), step.url);

    const bad = await send(jar, action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: admin.username, password: "wrong-password" }),
    });
    expect(bad.status).toBe(401);
    const badHtml = await bad.text();
    expect(badHtml).toContain("用户名或密码错误");
    expect(badHtml).toContain(`value="${admin.username}"`);

    const unknown = await send(jar, action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "nobody", password: DEMO_PASSWORD }),
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain("用户名或密码错误");

    // the same interaction still works with the right password
    const good = await follow(
      jar,
      idp.issuer,
      await send(jar, formAction(badHtml, action), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username: admin.username, password: DEMO_PASSWORD }),
      }),
    );
    expect(good.url.startsWith(REDIRECT_URI)).toBe(true);
    const tokenRes = await redeemCode(d, new URL(good.url).searchParams.get("code")!, verifier);
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const info = await (await fetch(d.userinfo_endpoint, { headers: { authorization: `Bearer ${access_token}` } })).json();
    expect(info).toMatchObject({ sub: admin.sub, campus_role: "admin", student_number: admin.username, name: admin.name });
  });

  it("switches accounts with prompt=login while another account is signed in", async () => {
    const jar = new Jar();
    async function signIn(username: string, extra: Record<string, string> = {}) {
      const { verifier, challenge } = pkce();
      const u = new URL(authorizeUrl(d, { challenge, state: "sw", nonce: "sw" }));
      for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
      let step = await follow(jar, idp.issuer, await send(jar, u.href));
      expect(step.url).toMatch(/\/interaction\/[^/]+$/);
      step = await follow(
        jar,
        idp.issuer,
        await send(jar, formAction(await step.res.text(), step.url), {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
        }),
      );
      if (step.res.status === 200) {
        // oidc-provider ends the previous account's session with an auto-submitting form
        const html = await step.res.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
        const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]);
        expect(action).toBeTruthy();
        step = await follow(
          jar,
          idp.issuer,
          await send(jar, new URL(action!.replace(/&amp;/g, "&"), step.url).href, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams(fields),
          }),
        );
      }
      expect(step.url.startsWith(REDIRECT_URI)).toBe(true);
      const tokens = (await (await redeemCode(d, new URL(step.url).searchParams.get("code")!, verifier)).json()) as { access_token: string };
      return (await (await fetch(d.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json()) as Record<string, unknown>;
    }

    expect((await signIn(student.username)).sub).toBe(student.sub);
    expect((await signIn(admin.username, { prompt: "login" })).sub).toBe(admin.sub);
  });

  it("requires PKCE and a registered redirect URI", async () => {
    const jar = new Jar();
    const noPkce = await send(jar, authorizeUrl(d, { state: "s2", nonce: "n2" }));
    expect(noPkce.status).toBe(303);
    const to = new URL(noPkce.headers.get("location")!);
    expect(to.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(to.searchParams.get("error")).toBe("invalid_request");

    const badRedirect = new URL(authorizeUrl(d, { challenge: pkce().challenge, state: "s3", nonce: "n3" }));
    badRedirect.searchParams.set("redirect_uri", "http://evil.example/cb");
    const res = await send(jar, badRedirect.href);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("出错了");
  });

  it("rejects a wrong client secret at the token endpoint", async () => {
    const res = await redeemCode(d, "x", pkce().verifier, "nope");
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_client");
  });
});

describe("the bundled IdP's address", () => {
  it("listens on loopback only (its demo accounts have a public password)", async () => {
    const idp = await startIdp({ port: 0, quiet: true, clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }] });
    try {
      const port = new URL(idp.issuer).port;
      expect((await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`)).status).toBe(200);
      const outside = Object.values(networkInterfaces())
        .flat()
        .find((a) => a && !a.internal && a.family === "IPv4");
      if (outside) {
        const err = await fetch(`http://${outside.address}:${port}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3000) }).then(
          () => null,
          (e: unknown) => e as Error & { cause?: { code?: string } },
        );
        expect(err?.cause?.code).toBe("ECONNREFUSED");
      }
    } finally {
      await idp.close();
    }
  });
});
