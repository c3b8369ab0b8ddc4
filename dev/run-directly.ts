// Whether a module is the script node was started with (`tsx prisma/bootstrap.ts`), not an import.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function isRunDirectly(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
