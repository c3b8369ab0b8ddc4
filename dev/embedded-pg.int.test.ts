// Starting embedded PostgreSQL never changes a folder it did not create, and a
// failure says what failed and how to fix it (not `undefined`).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedPgError, freePort, startEmbeddedPostgres, type RunningPostgres } from "./embedded-pg";

const asRoot = process.getuid?.() === 0;
const mode = (p: string) => statSync(p).mode & 0o7777;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A folder that behaves like /tmp: sticky and world-writable (1777). */
function fakeTmp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "campusnet-fake-tmp-"));
  chmodSync(dir, 0o1777);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("embedded PostgreSQL and the folders around it", () => {
  it("starts with its data folder directly under a /tmp-like folder and leaves that folder's mode alone", async () => {
    const parent = fakeTmp();
    const server: RunningPostgres = await startEmbeddedPostgres({
      dataDir: path.join(parent, "demo-pg"),
      port: await freePort(),
      persistent: false,
      quiet: true,
    });
    cleanups.push(() => server.stop());
    expect(mode(parent)).toBe(0o1777);
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query("SELECT 1 AS one")).rows[0].one).toBe(1);
    await client.end();
  });

  it("creates the missing folders on the way, and only those", async () => {
    const parent = fakeTmp();
    const dataDir = path.join(parent, "a", "b", "pg");
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, quiet: true });
    cleanups.push(() => server.stop());
    expect(mode(parent)).toBe(0o1777);
    if (asRoot) expect(mode(path.join(parent, "a"))).toBe(0o755);
  });

  it("refuses a data folder that holds other files (such as /tmp itself), changing nothing", async () => {
    const parent = fakeTmp();
    writeFileSync(path.join(parent, "someone-elses-file"), "x");
    const err = await startEmbeddedPostgres({ dataDir: parent, port: await freePort(), persistent: false, quiet: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EmbeddedPgError);
    expect(String((err as Error).message)).toMatch(/already holds other files[\s\S]*How to fix: set EMBEDDED_PG_DIR/);
    expect(mode(parent)).toBe(0o1777);
    expect(statSync(parent).uid).toBe(process.getuid?.());
  });

  it.skipIf(!asRoot)("as root, says what to do when the postgres user cannot enter a parent folder, and leaves it as it was", async () => {
    const closed = mkdtempSync(path.join(tmpdir(), "campusnet-closed-")); // 0700, like /root
    cleanups.push(() => rmSync(closed, { recursive: true, force: true }));
    const err = await startEmbeddedPostgres({ dataDir: path.join(closed, "pg"), port: await freePort(), persistent: false, quiet: true }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(EmbeddedPgError);
    expect(err!.message).toContain(`the "postgres" user cannot enter ${closed} (mode 0700`);
    expect(err!.message).toMatch(/How to fix: .*EMBEDDED_PG_DIR=/);
    expect(mode(closed)).toBe(0o700);
  });

  it("says which port is taken instead of printing undefined", async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const port = (blocker.address() as net.AddressInfo).port;
    const parent = fakeTmp();
    const err = await startEmbeddedPostgres({ dataDir: path.join(parent, "pg"), port, persistent: false, quiet: true }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(EmbeddedPgError);
    expect(err!.message).toContain(`port ${port} on 127.0.0.1 is taken`);
    expect(err!.message).toContain("EMBEDDED_PG_PORT");
    expect(err!.message).not.toMatch(/^undefined$/);
    mkdirSync(path.join(parent, "unused"), { recursive: true });
  });
});
