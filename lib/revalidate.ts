import "server-only";
import { revalidatePath } from "next/cache";

/**
 * After an action that changes what a student's pages show (balance, quota, speed mode, alerts):
 * every page under app/(student) is rendered afresh and the browser's router cache is dropped.
 *
 * Not `revalidatePath("/", "layout")`: that also marks the static routes stale — the service
 * worker (/serwist/sw.js) among them — and the standalone server would then rebuild the worker
 * at request time from sources it does not ship (500 for /serwist/sw.js).
 */
export function revalidateStudentPages(): void {
  revalidatePath("/(student)", "layout");
}
