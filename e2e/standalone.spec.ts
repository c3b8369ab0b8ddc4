// The production start: the e2e stack runs `node .next/standalone/server.js` (e2e/stack.ts), the
// server the Docker image ships, with production's settings and a real database. This spec
// checks that it is that server, and that everything it needs at run time came with it: the
// browser assets and public/ (copied by dev/standalone.ts), the service worker route, the
// message files (read from its own folder) and Prisma's client over the pg adapter (the health
// check queries PostgreSQL).
import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { ROOT_DIR, STATE_FILE } from "./paths";

/** The process the guard (the app's process group leader) started, from /proc. */
function serverProcess(guardPid: number): { cmdline: string[]; cwd: string; exe: string } | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== guardPid) continue;
      return {
        cmdline: readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean),
        cwd: readlinkSync(`/proc/${entry}/cwd`),
        exe: readlinkSync(`/proc/${entry}/exe`),
      };
    } catch {
      // the process ended while we looked
    }
  }
  return null;
}

test("the stack runs the standalone server from its own folder", async () => {
  const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { appPgid: number };
  const server = serverProcess(state.appPgid);
  expect(server, "the guard should have one child: the server").not.toBeNull();
  // Next renames the process (`next-server (v…)`); server.js is told apart from `next start` by
  // its working folder: it changes into .next/standalone, so messages and public files are read
  // from the copy there, not from the checkout.
  expect(server!.cmdline.join(" ")).toMatch(/^next-server/);
  expect(server!.cwd).toBe(path.join(ROOT_DIR, ".next", "standalone"));
  // Node 24, as production (decision 012): the runner is on it, and the server runs on the runner's Node.
  expect(process.versions.node.split(".")[0]).toBe("24");
  expect(server!.exe).toBe(realpathSync(process.execPath));
});

test("the sign-in page, its scripts, public files and the service worker are served", async ({ page, request }) => {
  const response = await page.goto("/signin");
  expect(response?.status()).toBe(200);
  // The heading's text comes from the message files traced into the standalone folder.
  await expect(page.getByRole("heading", { level: 1, name: /校园网自助服务|Campus Network Self-Service/ })).toBeVisible();

  const html = await response!.text();
  const scripts = [...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1]!);
  expect(scripts.length, "the page should load its chunks from /_next/static").toBeGreaterThan(0);
  for (const src of scripts.slice(0, 5)) expect((await request.get(src)).status(), src).toBe(200);

  const icon = await request.get("/icons/icon-192.png");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/png");

  const sw = await request.get("/serwist/sw.js");
  expect(sw.status()).toBe(200);
  expect(sw.headers()["content-type"]).toMatch(/javascript/);
  expect(await sw.text()).toContain("/~offline");
});

test("the health check reaches PostgreSQL through Prisma", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
