// The production server is Next's standalone output (next.config.mjs `output: "standalone"`):
// `.next/standalone/server.js` with the node_modules it traced. Next leaves the browser
// assets out (they belong on a CDN if there is one); we serve them from the same server, so
// after every `next build` they are copied next to it. `npm run build` runs this file; the
// start script and the e2e stack call completeStandalone() after their own build.
//
//   npx tsx dev/standalone.ts [root]     copy .next/static and public/ into .next/standalone
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The standalone server of the build in `root`. */
export function standaloneServer(root = ROOT): string {
  return path.join(root, ".next", "standalone", "server.js");
}

/**
 * Puts .next/static and public/ where server.js serves them from. Throws when the build has no
 * standalone server (an old build, or `output` was changed): `next start` is not the production
 * server any more.
 */
export function completeStandalone(root = ROOT): void {
  const standalone = path.join(root, ".next", "standalone");
  if (!existsSync(standaloneServer(root)))
    throw new Error(
      `${path.relative(process.cwd(), standaloneServer(root)) || "server.js"} is missing: run \`npm run build\` (next.config.mjs must keep output: "standalone")`,
    );
  const copies: [from: string, to: string][] = [
    [path.join(root, ".next", "static"), path.join(standalone, ".next", "static")],
    [path.join(root, "public"), path.join(standalone, "public")],
  ];
  for (const [from, to] of copies) {
    rmSync(to, { recursive: true, force: true }); // no stale hashed chunks from an earlier build
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  completeStandalone(path.resolve(process.argv[2] ?? ROOT));
  console.log("[campusnet] standalone server ready: node .next/standalone/server.js");
}
