// Where the e2e tier keeps its run state. Kept apart from stack.ts so that test workers can
// import it without loading PostgreSQL, the IdP or the seed.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT_DIR = path.resolve(E2E_DIR, "..");
/** Git-ignored: the stack's state file, saved logins and server logs of the last run. */
export const STATE_DIR = path.join(E2E_DIR, ".state");
export const STATE_FILE = path.join(STATE_DIR, "stack.json");
export const AUTH_DIR = path.join(STATE_DIR, "auth");
export const BUILD_LOG = path.join(STATE_DIR, "build.log");
export const APP_LOG = path.join(STATE_DIR, "app.log");
