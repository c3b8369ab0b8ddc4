// The deployment files (Dockerfile, compose.yaml, deploy/) are not run here (no Docker engine),
// so what can drift from the code is checked against it: every setting production requires is
// in the env template and the README, every `npm run` they name is a script, every file the
// Dockerfiles copy exists.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PRODUCTION_REQUIRED } from "@/lib/env";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const scripts = Object.keys((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts);

/** Every script a text runs: `npm run x` and the exec form ["npm", "run", "x"]. */
function npmRuns(text: string): string[] {
  return [...text.matchAll(/npm run ([\w-]+(?::[\w-]+)*)|"npm",\s*"run",\s*"([\w:-]+)"/g)].map((m) => (m[1] ?? m[2])!);
}

describe("deployment files", () => {
  it("the env template and the README name every setting production requires", () => {
    const template = read("deploy/campusnet.env.example");
    const readme = read("deploy/README.md");
    for (const name of Object.keys(PRODUCTION_REQUIRED)) {
      expect(template, name).toMatch(new RegExp(`^${name}=`, "m"));
      expect(readme, name).toContain(`\`${name}\``);
    }
  });

  it("every npm script the Dockerfile, compose.yaml and the README run exists", () => {
    for (const file of ["Dockerfile", "compose.yaml", "deploy/README.md"]) {
      const runs = npmRuns(read(file));
      expect(runs.length, file).toBeGreaterThan(0);
      for (const script of runs) expect(scripts, `${file}: npm run ${script}`).toContain(script);
    }
  });

  it("every file the Dockerfiles copy from the build context exists", () => {
    for (const [dockerfile, context] of [
      ["Dockerfile", "."],
      ["deploy/freeradius/Dockerfile", "deploy/freeradius"],
    ] as const) {
      const copies = [...read(dockerfile).matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
      expect(copies.length, dockerfile).toBeGreaterThan(0);
      for (const source of copies) if (source !== ".") expect(existsSync(path.join(ROOT, context, source)), `${dockerfile}: COPY ${source}`).toBe(true);
    }
  });

  it("compose.yaml mounts files that exist or have a template beside them", () => {
    const compose = read("compose.yaml");
    const mounted = [...compose.matchAll(/- \.\/(deploy\/[^:\s]+):/g), ...compose.matchAll(/path: (deploy\/\S+)/g)].map((m) => m[1]!);
    expect(mounted).toContain("deploy/campusnet.env");
    for (const file of mounted) {
      const folder = !path.extname(file) && !file.endsWith(".env") && !file.endsWith("Caddyfile") && !file.endsWith(".conf");
      if (folder) continue; // created on first start (backups)
      expect(existsSync(path.join(ROOT, file)) || existsSync(path.join(ROOT, `${file}.example`)), file).toBe(true);
    }
  });
});
