// The dedicated RADIUS server as production runs it: `npm run radius-server` in a child
// process, NODE_ENV=production, only DATABASE_URL and RADIUS_SHARED_SECRET (no OIDC, no
// NEXTAUTH_*). It refuses to start without them, serves authorize and accounting behind the
// shared secret, reports health, and on SIGTERM answers what is in flight before it exits.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freePort } from "@/dev/embedded-pg";
import { createUser } from "@/dev/factory";
import { setNetworkPassword } from "@/modules/network/service";
import { acctAttrs, restBody, uniqueLoopback, uniqueSession } from "./test-helpers";

const SECRET = randomBytes(24).toString("base64url");
const started: ChildProcess[] = [];

/** The environment of a production host that runs only the RADIUS server: nothing of the web app's. */
function radiusHostEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|RADIUS_|NEXTAUTH_|OIDC_|PAYMENTS_|CAMPUSNET_|NODE_ENV$)/.test(k)),
  );
  return { ...base, NODE_ENV: "production", ...extra };
}

function run(env: NodeJS.ProcessEnv) {
  const child = spawn("npm", ["run", "--silent", "radius-server"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  // The server itself (npm's child) holds the pipe: it is closed when the server has exited.
  const closed = new Promise<void>((r) => child.stdout!.once("close", () => r()));
  return { child, exit, closed, output: () => out };
}

async function untilHealthy(url: string, exit: Promise<unknown>, output: () => string) {
  let exited = false;
  void exit.then(() => (exited = true));
  for (let i = 0; i < 300; i++) {
    if (exited) throw new Error(`radius-server exited:\n${output()}`);
    const r = await fetch(`${url}/healthz`).catch(() => null);
    if (r?.ok) return;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`radius-server never became healthy:\n${output()}`);
}

const post = (url: string, endpoint: string, attrs: Record<string, string | number>, secret = SECRET) =>
  fetch(`${url}/api/radius/${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-campusnet-radius-secret": secret },
    body: JSON.stringify(restBody(attrs)),
  });

afterAll(() => {
  for (const c of started) if (c.pid && c.exitCode === null) process.kill(-c.pid, "SIGKILL");
});

describe("npm run radius-server", () => {
  it("refuses to start in production without DATABASE_URL and RADIUS_SHARED_SECRET, and asks for nothing else", async () => {
    const { exit, output } = run(radiusHostEnv({}));
    expect(await exit).toBe(1);
    expect(output()).toContain("DATABASE_URL is missing");
    expect(output()).toContain("RADIUS_SHARED_SECRET is missing");
    expect(output()).not.toMatch(/OIDC|NEXTAUTH/);
  }, 60_000);

  it("refuses the public development secret in production", async () => {
    const { exit, output } = run(radiusHostEnv({ DATABASE_URL: process.env.DATABASE_URL!, RADIUS_SHARED_SECRET: "campusnet-dev-radius-secret" }));
    expect(await exit).toBe(1);
    expect(output()).toContain("RADIUS_SHARED_SECRET is a public development default");
  }, 60_000);

  it("serves authorize and accounting behind the shared secret, reports health, and on SIGTERM answers what is in flight, then exits 0", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { child, exit, closed, output } = run(
      radiusHostEnv({ DATABASE_URL: process.env.DATABASE_URL!, RADIUS_SHARED_SECRET: SECRET, RADIUS_SERVER_PORT: String(port) }),
    );
    await untilHealthy(url, exit, output);
    expect(output()).toContain(`listening on ${url} (production)`);

    const u = await createUser(db());
    await setNetworkPassword(u.id, "RadiusServer2026");
    const ok = await post(url, "authorize", { "User-Name": u.studentNo, "User-Password": "RadiusServer2026" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ "control:Auth-Type": { value: "Accept" } });
    const wrong = await post(url, "authorize", { "User-Name": u.studentNo, "User-Password": "not-the-password" });
    expect(wrong.status).toBe(401);
    expect((await post(url, "authorize", { "User-Name": u.studentNo, "User-Password": "RadiusServer2026" }, "a-wrong-shared-secret-000")).status).toBe(403);
    expect((await fetch(`${url}/api/radius/sweep`, { method: "POST" })).status).toBe(404);

    // An accounting packet sent just before SIGTERM is committed and answered 204, then the process exits 0.
    const session = uniqueSession();
    const nasIp = uniqueLoopback();
    const inFlight = post(url, "accounting", acctAttrs({ status: "Start", user: u.studentNo, session, nasIp }) as Record<string, string | number>);
    await new Promise((r) => setTimeout(r, 5));
    process.kill(child.pid!, "SIGTERM"); // to npm only, as a container runtime's stop does
    expect((await inFlight).status).toBe(204);
    // npm passes SIGTERM on (the script execs node: no shell in between to swallow it)
    expect(await exit).toBe(0);
    await closed;
    expect(output()).toMatch(/SIGTERM: answering the requests in flight, then stopping\n\[radius-server\] stopped\n/);
    expect(await db().radiusSession.count({ where: { userId: u.id } })).toBe(1);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 120_000);
});
