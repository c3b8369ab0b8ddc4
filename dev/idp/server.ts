// The bundled development OIDC identity provider (统一身份认证 for dev, demos and tests).
// A real OpenID Connect server built on oidc-provider: authorization-code flow with PKCE
// (S256, required), confidential clients (client_secret_basic or client_secret_post),
// RS256 id_tokens, userinfo, RP-initiated logout. Our own interaction pages (login with the
// demo accounts; consent is granted automatically for the configured first-party clients).
//
// Library:  startIdp({ port, clients }) -> { issuer, close() }
// CLI:      tsx dev/idp/server.ts   (IDP_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, APP_URL,
//           optional IDP_ISSUER)
//
// Note: oidc-provider 9 prints "Unsupported runtime" on Node 20. It works; ignore it.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Account, type Configuration, type JWK, type KoaContextWithOIDC } from "oidc-provider";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "./accounts";
import { createMemoryAdapterFactory } from "./memory-adapter";
import { errorPage, loggedOutPage, loginPage, logoutPage } from "./pages";
import { isRunDirectly } from "../run-directly";

export interface IdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** shown on the login page; defaults to clientId */
  clientName?: string;
}

export interface StartIdpOptions {
  /** 0 picks a free port */
  port: number;
  /** listening address; loopback only, always: its demo accounts have a public password */
  host?: "127.0.0.1" | "::1";
  /** default http://localhost:<port> (an origin, without a path) */
  issuer?: string;
  clients: IdpClient[];
  /** no start-up line (server errors are still logged) */
  quiet?: boolean;
}

export interface RunningIdp {
  issuer: string;
  close(): Promise<void>;
}

/** Scopes this IdP offers and the claims each one releases. */
export const IDP_SCOPES = ["openid", "profile", "email", "campus"] as const;
export const IDP_CLAIMS = {
  openid: ["sub"],
  profile: ["name"],
  email: ["email", "email_verified"],
  campus: ["student_number", "campus_role", "college"],
} as const;

/**
 * DEVELOPMENT-ONLY signing key. This RSA private key is committed on purpose so that id_tokens
 * stay verifiable across IdP restarts in dev/demo/tests. It protects nothing: never use it,
 * or this IdP, for a real deployment (production uses the campus IdP).
 */
function loadDevSigningKey(): JWK {
  const file = new URL("./signing-key.dev.jwk.json", import.meta.url);
  return JSON.parse(readFileSync(file, "utf8")) as JWK;
}

/** Development-only cookie signing keys (same reasoning as the signing key above). */
const DEV_COOKIE_KEYS = ["campusnet-dev-idp-cookie-key-not-secret"];

const ERROR_LOGIN = "用户名或密码错误 · Incorrect username or password";

function findByUsername(username: string): DemoAccount | undefined {
  const wanted = username.trim().toLowerCase();
  return DEMO_ACCOUNTS.find((a) => a.username.toLowerCase() === wanted);
}

function accountClaims(a: DemoAccount) {
  return {
    sub: a.sub,
    name: a.name,
    email: a.email,
    email_verified: true,
    student_number: a.username,
    campus_role: a.role,
    college: a.college,
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > 64 * 1024) throw Object.assign(new Error("request body too large"), { status: 413 });
    chunks.push(buf);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Frame-Options", "DENY");
  res.end(html);
}

export async function startIdp(opts: StartIdpOptions): Promise<RunningIdp> {
  const log = opts.quiet ? () => {} : (msg: string) => console.log(msg);

  // Listen first so that port 0 works: the issuer needs the real port.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: anyone who reaches it can sign in as the demo admin (password "campus").
    // Browsers try 127.0.0.1 after ::1 for "localhost"; Node resolves it to 127.0.0.1 here.
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const issuer = (opts.issuer ?? `http://localhost:${port}`).replace(/\/+$/, "");
  if (new URL(issuer).pathname !== "/") {
    server.close();
    throw new Error(`IdP issuer must be an origin without a path, got ${issuer}`);
  }

  const clientNames = new Map(opts.clients.map((c) => [c.clientId, c.clientName ?? c.clientId]));

  const configuration: Configuration = {
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.clientName ?? c.clientId,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      // The registered method; oidc-provider accepts client_secret_post for it as well.
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "RS256",
    })),
    jwks: { keys: [loadDevSigningKey()] },
    cookies: { keys: DEV_COOKIE_KEYS },
    adapter: createMemoryAdapterFactory(),

    async findAccount(_ctx, sub): Promise<Account | undefined> {
      const account = DEMO_ACCOUNTS.find((a) => a.sub === sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        // oidc-provider filters these by the granted scopes/claims.
        async claims() {
          return accountClaims(account);
        },
      };
    },

    scopes: [...IDP_SCOPES],
    claims: Object.fromEntries(Object.entries(IDP_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    // Put the scope-granted claims in the id_token too, not only in /userinfo.
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    pkce: { required: () => true }, // only S256 exists in oidc-provider 9
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.type = "html";
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId);
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.type = "html";
          ctx.body = loggedOutPage(ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId);
        },
      },
    },
    clientBasedCORS: () => false, // the app calls the IdP from its server, never from a browser
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = errorPage("身份认证请求出错 · The sign-in request failed", { ...out });
    },
    ttl: {
      AccessToken: 60 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 14 * 24 * 60 * 60,
      RefreshToken: 14 * 24 * 60 * 60,
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.on("server_error", (_ctx: unknown, err: Error) => {
    console.error("[idp] server error:", err);
  });
  const providerCallback = provider.callback();

  /** Grant everything the client asked for: the configured clients are first-party. */
  async function autoGrant(details: Awaited<ReturnType<typeof provider.interactionDetails>>, accountId: string): Promise<string> {
    const clientId = String(details.params.client_id);
    let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    if (!grant || grant.accountId !== accountId || grant.clientId !== clientId) {
      grant = new provider.Grant({ accountId, clientId });
    }
    const prompt = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (details.prompt.name === "consent") {
      if (prompt.missingOIDCScope?.length) grant.addOIDCScope(prompt.missingOIDCScope);
      if (prompt.missingOIDCClaims?.length) grant.addOIDCClaims(prompt.missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(prompt.missingResourceScopes ?? {})) {
        grant.addResourceScope(resource, scopes);
      }
    } else {
      // Login prompt: grant the requested scopes now; anything still missing comes back as a
      // consent prompt, which is granted the same way without showing a page.
      const scope = typeof details.params.scope === "string" ? details.params.scope : "openid";
      grant.addOIDCScope(scope.split(" ").filter((s) => (IDP_SCOPES as readonly string[]).includes(s)));
    }
    return grant.save();
  }

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) {
      sendHtml(res, 400, errorPage("登录会话无效 · Invalid sign-in session", {}));
      return;
    }
    const clientId = String(details.params.client_id ?? "");
    const clientName = clientNames.get(clientId) ?? clientId;

    if (action === "abort") {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "End-User aborted the sign-in" },
        { mergeWithLastSubmission: false },
      );
      return;
    }

    if (details.prompt.name === "consent") {
      // Already signed in: consent for first-party clients is implicit.
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error("consent prompt without a signed-in account");
      const grantId = await autoGrant(details, accountId);
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }

    if (details.prompt.name !== "login") {
      sendHtml(res, 400, errorPage("不支持的交互 · Unsupported interaction", { prompt: details.prompt.name }));
      return;
    }

    if (action === undefined && req.method === "GET") {
      sendHtml(res, 200, loginPage({ uid, clientName }));
      return;
    }

    if (action === "login" && req.method === "POST") {
      const form = await readForm(req);
      const username = form.get("username") ?? "";
      const password = form.get("password") ?? "";
      const account = findByUsername(username);
      if (!account || password !== DEMO_PASSWORD) {
        sendHtml(res, 401, loginPage({ uid, clientName, username, error: ERROR_LOGIN }));
        return;
      }
      const grantId = await autoGrant(details, account.sub);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub, amr: ["pwd"] }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }

    res.statusCode = 405;
    res.setHeader("Allow", action === "login" ? "POST" : "GET");
    res.end();
  }

  handle = (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?\/?$/.exec(path);
    if (!match) {
      providerCallback(req, res);
      return;
    }
    handleInteraction(req, res, match[1]!, match[2]).catch((err: unknown) => {
      const e = err as { name?: string; message?: string; status?: number };
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (e.name === "SessionNotFound") {
        sendHtml(res, 400, errorPage("登录会话已过期或无效 · The sign-in session has expired or is invalid", {}));
        return;
      }
      console.error("[idp] interaction error:", err);
      sendHtml(res, e.status ?? 500, errorPage("内部错误 · Internal error", { message: e.message }));
    });
  };

  log(`[idp] 统一身份认证 (dev OIDC IdP) at ${issuer} — clients: ${opts.clients.map((c) => c.clientId).join(", ")}`);

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

if (isRunDirectly(import.meta.url)) {
  const appUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const idp = await startIdp({
    port: Number(process.env.IDP_PORT ?? 3001),
    issuer: process.env.IDP_ISSUER || undefined,
    clients: [
      {
        clientId: process.env.OIDC_CLIENT_ID ?? "campusnet",
        clientSecret: process.env.OIDC_CLIENT_SECRET ?? "campusnet-dev-client-secret",
        clientName: "校园网自助服务 campusnet",
        redirectUris: [`${appUrl}/api/auth/callback/campus`],
        postLogoutRedirectUris: [`${appUrl}/`],
      },
    ],
  });
  const stop = () => {
    idp.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
