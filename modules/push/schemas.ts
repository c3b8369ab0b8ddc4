import { z } from "zod";
import { locales } from "@/i18n/config";
import { PUSH_KINDS } from "./kinds";

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/);

/** What PushSubscription.toJSON() gives, plus the device's language and browser. */
export const saveSubscriptionSchema = z.object({
  endpoint: z.string().url().max(2048),
  keys: z.object({
    // an uncompressed P-256 point (65 bytes → 87 characters) and a 16-byte secret (22 characters)
    p256dh: base64url(80, 100),
    auth: base64url(16, 32),
  }),
  locale: z.enum(locales),
  userAgent: z.string().max(400).optional(),
});
export type SaveSubscriptionInput = z.infer<typeof saveSubscriptionSchema>;

export const deleteSubscriptionSchema = z.object({ endpoint: z.string().url().max(2048) });

export const setPreferenceSchema = z.object({ kind: z.enum(PUSH_KINDS), enabled: z.boolean() });
