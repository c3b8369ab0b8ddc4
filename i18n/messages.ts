import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type AppLocale, defaultLocale } from "./config";

// Messages live in messages/<locale>/<namespace>.json; the file name is the top-level
// namespace, so each feature adds its own file and nobody edits a shared one.

export type Messages = Record<string, unknown>;

const MESSAGES_DIR = path.join(process.cwd(), "messages");

async function readLocaleDir(locale: string): Promise<Messages> {
  const dir = path.join(MESSAGES_DIR, locale);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  } catch {
    return {};
  }
  const entries = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(dir, file), "utf8");
      try {
        return [file.slice(0, -".json".length), JSON.parse(text) as unknown] as const;
      } catch (error) {
        throw new Error(`Invalid JSON in messages/${locale}/${file}: ${(error as Error).message}`);
      }
    }),
  );
  return Object.fromEntries(entries);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep merge: keys of `over` win; missing keys are taken from `base`. */
export function mergeMessages(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? mergeMessages(prev, value) : value;
  }
  return out;
}

async function load(locale: AppLocale): Promise<Messages> {
  const own = await readLocaleDir(locale);
  if (locale === defaultLocale) return own;
  // A string missing in a translation shows in the default language rather than as a key
  // path; the messages test keeps the locales in step.
  return mergeMessages(await readLocaleDir(defaultLocale), own);
}

const cache = new Map<AppLocale, Promise<Messages>>();

/** All namespaces for a locale, read at request time; cached per locale in production. */
export function loadMessages(locale: AppLocale): Promise<Messages> {
  if (process.env.NODE_ENV !== "production") return load(locale);
  let pending = cache.get(locale);
  if (!pending) {
    pending = load(locale);
    pending.catch(() => cache.delete(locale));
    cache.set(locale, pending);
  }
  return pending;
}
