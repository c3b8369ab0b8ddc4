// Start a real FreeRADIUS (Debian's freeradius 3.2 + freeradius-rest) with deploy/freeradius/
// on loopback, from a private copy of /etc/freeradius/3.0: used by the end-to-end test and the
// benchmark, and by hand:
//
//   npx tsx deploy/freeradius/test-server.ts --app http://127.0.0.1:3000 [--auth-port 18120 --acct-port 18130] [-X]
//
// The copy: raddbdir/logdir/run_dir point into it, no privilege drop (it runs as the caller),
// reject_delay 0, no default sites (the stock inner-tunnel would take 127.0.0.1:18120), only
// the modules campusnet needs, one client (127.0.0.1 with the test secret). FreeRADIUS runs in
// its own process group; stop() ends the group and removes the copy.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEBIAN_RADDB = "/etc/freeradius/3.0";

export function freeradiusInstalled(): boolean {
  return (
    spawnSync("sh", ["-c", "command -v freeradius && command -v radclient"], { stdio: "ignore" }).status === 0 &&
    existsSync(path.join(DEBIAN_RADDB, "mods-available", "rest"))
  );
}

export async function freeUdpPort(host = "127.0.0.1"): Promise<number> {
  const dgram = await import("node:dgram");
  for (;;) {
    const port = await new Promise<number>((res, rej) => {
      const srv = net.createServer();
      srv.on("error", rej);
      srv.listen(0, host, () => {
        const a = srv.address() as net.AddressInfo;
        srv.close(() => res(a.port));
      });
    });
    const ok = await new Promise<boolean>((res) => {
      const s = dgram.createSocket("udp4");
      s.once("error", () => res(false));
      s.bind(port, host, () => s.close(() => res(true)));
    });
    if (ok) return port;
  }
}

export interface FreeradiusOptions {
  /** base URL of the app (the route handlers) */
  appUrl: string;
  /** the app's RADIUS_SHARED_SECRET */
  appSecret: string;
  appSecretHeader?: string;
  /** RADIUS secret of the 127.0.0.1 client (radclient) */
  clientSecret?: string;
  authPort?: number;
  acctPort?: number;
  /** extra modules: file name → text, placed in mods-available and enabled */
  extraModules?: Record<string, string>;
  /** extra virtual servers: file name → text, enabled */
  extraSites?: Record<string, string>;
  /** max_servers of the thread pool (default 32) */
  maxServers?: number;
  debug?: boolean;
  log?: (line: string) => void;
}

export interface RunningFreeradius {
  dir: string;
  authPort: number;
  acctPort: number;
  clientSecret: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

function link(dir: string, kind: "mods" | "sites", name: string) {
  symlinkSync(`../${kind}-available/${name}`, path.join(dir, `${kind}-enabled`, name));
}

/** Build the private config directory (exported for the benchmark, which adds rlm_sql). */
export function buildConfig(dir: string, o: Required<Pick<FreeradiusOptions, "authPort" | "acctPort" | "clientSecret">> & FreeradiusOptions): void {
  cpSync(DEBIAN_RADDB, dir, { recursive: true, verbatimSymlinks: true });
  for (const sub of ["sites-enabled", "mods-enabled"]) for (const f of readdirSync(path.join(dir, sub))) rmSync(path.join(dir, sub, f), { force: true });

  const conf = path.join(dir, "radiusd.conf");
  let text = readFileSync(conf, "utf8");
  text = text
    .replace(/^raddbdir = .*$/m, `raddbdir = ${dir}`)
    .replace(/^logdir = .*$/m, `logdir = ${dir}/log`)
    .replace(/^run_dir = .*$/m, `run_dir = ${dir}/run`)
    .replace(/^(\s*)(user|group) = freerad$/gm, "$1#$2 = freerad")
    .replace(/^(\s*)reject_delay = \d+/m, "$1reject_delay = 0")
    .replace(/^(\s*)max_servers = \d+/m, `$1max_servers = ${o.maxServers ?? 32}`)
    .replace(/^(\s*)start_servers = \d+/m, `$1start_servers = ${Math.min(o.maxServers ?? 32, 16)}`)
    .replace(/^(\s*)max_spare_servers = \d+/m, `$1max_spare_servers = ${o.maxServers ?? 32}`);
  writeFileSync(conf, text);
  for (const d of ["log", "run"]) mkdirSync(path.join(dir, d), { recursive: true });

  writeFileSync(
    path.join(dir, "clients.conf"),
    `client localhost {\n\tipaddr = 127.0.0.1\n\tsecret = ${o.clientSecret}\n\trequire_message_authenticator = no\n\tnas_type = other\n}\n`,
  );

  // Only what campusnet needs: always (ok/…), expr, and the rest instance.
  for (const m of ["always", "expr"]) link(dir, "mods", m);
  cpSync(path.join(HERE, "mods-available", "campusnet"), path.join(dir, "mods-available", "campusnet"));
  link(dir, "mods", "campusnet");
  for (const [name, body] of Object.entries(o.extraModules ?? {})) {
    writeFileSync(path.join(dir, "mods-available", name), body);
    link(dir, "mods", name);
  }

  const site = readFileSync(path.join(HERE, "sites-available", "campusnet"), "utf8")
    .replace(/ipaddr = \*/g, "ipaddr = 127.0.0.1")
    .replace(/port = 1812/, `port = ${o.authPort}`)
    .replace(/port = 1813/, `port = ${o.acctPort}`);
  writeFileSync(path.join(dir, "sites-available", "campusnet"), site);
  link(dir, "sites", "campusnet");
  for (const [name, body] of Object.entries(o.extraSites ?? {})) {
    writeFileSync(path.join(dir, "sites-available", name), body);
    link(dir, "sites", name);
  }
}

export async function startFreeradius(opts: FreeradiusOptions): Promise<RunningFreeradius> {
  const authPort = opts.authPort ?? (await freeUdpPort());
  let acctPort = opts.acctPort ?? (await freeUdpPort());
  while (acctPort === authPort) acctPort = await freeUdpPort();
  const clientSecret = opts.clientSecret ?? "campusnet-test-nas";
  const dir = mkdtempSync(path.join(tmpdir(), "campusnet-freeradius-"));
  buildConfig(dir, { ...opts, authPort, acctPort, clientSecret });

  const args = opts.debug ? ["-X", "-d", dir] : ["-f", "-l", "stdout", "-d", dir];
  const child: ChildProcess = spawn("freeradius", args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      // Event-Timestamp is printed in the server's zone: UTC is unambiguous.
      TZ: "UTC",
      CAMPUSNET_URL: opts.appUrl.replace(/\/$/, ""),
      CAMPUSNET_RADIUS_SECRET: opts.appSecret,
      CAMPUSNET_RADIUS_SECRET_HEADER: opts.appSecretHeader ?? "X-Campusnet-Radius-Secret",
    },
  });
  let out = "";
  const onData = (b: Buffer) => {
    const s = b.toString();
    out = (out + s).slice(-200_000);
    if (opts.log) for (const line of s.split("\n")) if (line.trim()) opts.log(line);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const pid = child.pid!;
  let exited = false;
  const exitPromise = new Promise<void>((res) => child.once("exit", () => ((exited = true), res())));
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {}
  };
  // Never leave a FreeRADIUS behind, even when the test process dies.
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);

  const stop = async () => {
    process.off("exit", onExit);
    if (!exited) {
      killGroup("SIGTERM");
      const t = setTimeout(() => killGroup("SIGKILL"), 3000);
      await exitPromise;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  while (!/Ready to process requests/.test(out)) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`FreeRADIUS did not start:\n${out.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { dir, authPort, acctPort, clientSecret, pid, output: () => out, stop };
}

// ── CLI ────────────────────────────────────────────────────────────────────────────────────
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const running = await startFreeradius({
    appUrl: arg("--app") ?? "http://127.0.0.1:3000",
    appSecret: process.env.RADIUS_SHARED_SECRET ?? "campusnet-dev-radius-secret",
    appSecretHeader: process.env.RADIUS_SECRET_HEADER,
    clientSecret: arg("--secret") ?? "testing123",
    authPort: Number(arg("--auth-port") ?? 18120),
    acctPort: Number(arg("--acct-port") ?? 18130),
    debug: process.argv.includes("-X"),
    log: (l) => console.log(l),
  });
  console.log(`FreeRADIUS on 127.0.0.1:${running.authPort} (auth) / ${running.acctPort} (acct), client secret ${running.clientSecret}, config ${running.dir}`);
  const stopAndExit = () => void running.stop().then(() => process.exit(0));
  process.on("SIGINT", stopAndExit);
  process.on("SIGTERM", stopAndExit);
}

export interface RadclientReply {
  /** "Access-Accept", "Access-Reject", "Accounting-Response", or "none" when nothing came back */
  code: string;
  attrs: Record<string, string[]>;
  raw: string;
}

/**
 * Send one request with Debian's radclient (attributes on stdin) and read the reply's code and
 * attributes from its -x output. Used by the network tests and the simulator's FreeRADIUS mode.
 */
export function radclient(
  server: Pick<RunningFreeradius, "authPort" | "acctPort" | "clientSecret">,
  kind: "auth" | "acct",
  attrs: Record<string, string | number | undefined>,
  opts: { retries?: number } = {},
): Promise<RadclientReply> {
  const port = kind === "auth" ? server.authPort : server.acctPort;
  const input = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} = ${typeof v === "number" ? v : JSON.stringify(v)}`)
    .join(", ");
  return new Promise((resolve, reject) => {
    const child = spawn("radclient", ["-x", "-r", String(opts.retries ?? 1), "-t", "5", `127.0.0.1:${port}`, kind, server.clientSecret], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    child.on("error", reject);
    child.on("exit", () => {
      const received = out.split(/\n(?=Received )/)[1] ?? "";
      const code = /^Received (\S+)/.exec(received)?.[1] ?? "none";
      const parsed: Record<string, string[]> = {};
      for (const m of received.matchAll(/^\s+([\w-]+) = (.*)$/gm)) (parsed[m[1]!] ??= []).push(m[2]!.replace(/^"|"$/g, ""));
      resolve({ code, attrs: parsed, raw: out });
    });
    child.stdin.end(input + "\n");
  });
}
