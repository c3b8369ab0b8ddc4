// The floor for bench/web.ts: a bare Next.js page with nothing of campusnet in it, built and
// served by the same Next.js and React versions the app ships, measured by the same Lighthouse in
// the same run. What it scores is what the framework alone costs on this machine, so each page's
// figures can be read against it (docs/decisions/024-web-speed.md).
//
// The page has the shape of a student page with none of its parts: Chinese text, a heading, a
// figure, a link (next/link, a client component, so the router and React hydrate as they do on
// every page), rendered per request. It is written to a temporary folder, which gets the three
// packages from npm (the versions in this repo's node_modules; npm's cache makes repeat runs
// quick), and is removed afterwards with its server's process group.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../dev/embedded-pg";
import { waitForApp } from "../e2e/stack";

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "campusnet-bench-floor", private: true, type: "module" }),
  "next.config.mjs": "export default { reactStrictMode: true, poweredByHeader: false };\n",
  "app/layout.jsx": `export const metadata = { title: "首页 · 校园网自助服务" };
export default function RootLayout({ children }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: 0 }}>{children}</body>
    </html>
  );
}
`,
  "app/page.jsx": `import Link from "next/link";
export const dynamic = "force-dynamic";
export default function Page() {
  return (
    <main style={{ padding: 16 }}>
      <h1>我的校园网</h1>
      <p>网费余额</p>
      <p style={{ fontSize: 40, fontWeight: 600 }}>¥66.50</p>
      <p>剩余高速流量 60.08 GB，本月已用 12.3 GB。</p>
      <Link href="/">首页</Link>
    </main>
  );
}
`,
};

export interface Floor {
  url: string;
  /** "Next.js 16.4.6 · React 19.3.1" */
  versions: string;
  stop(): Promise<void>;
}

function installedVersion(root: string, pkg: string): string {
  return (JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
}

function run(cmd: string, args: string[], cwd: string, what: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error(`floor: ${what} failed (exit ${r.status}):\n${(r.stdout ?? "") + (r.stderr ?? "")}`.slice(0, 4000));
}

/** Builds and starts the bare page; `stop()` ends its server and removes the folder. */
export async function startFloor(root: string, log: (m: string) => void): Promise<Floor> {
  const dir = mkdtempSync(path.join(tmpdir(), "campusnet-floor-"));
  let server: ReturnType<typeof spawn> | null = null;
  const killServer = () => {
    try {
      if (server?.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  try {
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const next = installedVersion(root, "next");
    const react = installedVersion(root, "react");
    const reactDom = installedVersion(root, "react-dom");
    log(`floor: installing next@${next} react@${react} react-dom@${reactDom} in ${dir}`);
    run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", `next@${next}`, `react@${react}`, `react-dom@${reactDom}`],
      dir,
      "npm install",
    );
    log("floor: next build");
    run(process.execPath, [path.join(dir, "node_modules", "next", "dist", "bin", "next"), "build"], dir, "next build");
    const port = await freePort();
    const logFile = path.join(dir, "server.log");
    const logFd = openSync(logFile, "a");
    server = spawn(process.execPath, [path.join(dir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: dir,
      detached: true, // its own process group, so stop() ends next start and the server it forks
      stdio: ["ignore", logFd, logFd],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
    closeSync(logFd);
    const url = `http://127.0.0.1:${port}/`;
    await waitForApp(url, server, 60_000, logFile);
    let stopped = false;
    return {
      url,
      versions: `Next.js ${next} · React ${react}`,
      async stop() {
        if (stopped) return;
        stopped = true;
        killServer();
        await new Promise((r) => setTimeout(r, 500));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    killServer();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
