// The secret the job worker sends to POST /api/jobs/<name> (its own instance's route). Derived from
// NEXTAUTH_SECRET rather than a setting of its own: only the app's own processes know it, and a
// campus has nothing more to configure (docs/decisions/013-jobs-in-postgresql.md).
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";

export function jobsSecret(): string {
  return createHmac("sha256", env.NEXTAUTH_SECRET).update("campusnet internal job runs").digest("base64url");
}
