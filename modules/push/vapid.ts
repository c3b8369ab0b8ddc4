import "server-only";
// The VAPID pair Web Push signs with (decision 023). Production takes it from the environment
// (lib/env.ts refuses to start without it unless WEB_PUSH=off). Development, the demo and tests
// generate a pair once and keep it in VAPID_KEYS_FILE (.data/vapid-keys.json, beside the
// embedded database), so a browser's subscription outlives a restart.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";
import { currentMode, env } from "@/lib/env";

export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const DEV_SUBJECT = "mailto:netcenter@example.edu";
let cached: VapidConfig | null | undefined;

function readKept(file: string): { publicKey: string; privateKey: string } | null {
  try {
    const kept = JSON.parse(readFileSync(file, "utf8")) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof kept.publicKey === "string" && typeof kept.privateKey === "string") return { publicKey: kept.publicKey, privateKey: kept.privateKey };
  } catch {}
  return null;
}

/** The pair kept for development, made on first use; a second process racing to make it reads the first one's. */
function keptPair(): { publicKey: string; privateKey: string } {
  const file = path.resolve(env.VAPID_KEYS_FILE);
  const kept = readKept(file);
  if (kept) return kept;
  mkdirSync(path.dirname(file), { recursive: true });
  const made = webpush.generateVAPIDKeys();
  try {
    writeFileSync(file, `${JSON.stringify(made, null, 2)}\n`, { flag: "wx", mode: 0o600 });
    return made;
  } catch {
    return readKept(file) ?? made;
  }
}

/** The VAPID settings, or null when Web Push is off (WEB_PUSH=off). */
export function vapidConfig(): VapidConfig | null {
  if (cached !== undefined) return cached;
  if (env.WEB_PUSH === "off") return (cached = null);
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    cached = { publicKey: env.VAPID_PUBLIC_KEY.trim(), privateKey: env.VAPID_PRIVATE_KEY.trim(), subject: env.VAPID_SUBJECT?.trim() || DEV_SUBJECT };
  } else if (currentMode() === "production") {
    cached = null; // refused at start-up already (lib/env.ts); never invent keys for a campus
  } else {
    cached = { ...keptPair(), subject: env.VAPID_SUBJECT?.trim() || DEV_SUBJECT };
  }
  return cached;
}
