import { z } from "zod";
import { yuanSchema } from "@/lib/money";
import { GiB } from "@/lib/units";

// The network office's actions on one student (modules/helpdesk/actions.ts). Issue messages are
// keys under admin.act.validation; the forms translate them.

const userId = z.string().uuid("user");
const reason = z.string().trim().min(2, "reason").max(500, "reason");
/** A fresh random key per form (crypto.randomUUID in the browser): a double submission books once. */
const key = z.string().uuid("key");

export const reasonOnlySchema = z.object({ userId, reason });
export const userOnlySchema = z.object({ userId });
export const kickSessionSchema = z.object({ userId, sessionId: z.string().uuid("session"), reason });
export const deviceBlockSchema = z.object({ userId, deviceId: z.string().uuid("device"), blocked: z.boolean(), reason });

export const adjustBalanceSchema = z.object({
  userId,
  direction: z.enum(["credit", "debit"]),
  amount: yuanSchema,
  reason,
  key,
});

/** GB as typed, up to two decimals, at most 1024 (1 GB = 1024³ bytes, as everywhere in the app). */
export const gbSchema = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, "gb")
  .transform((text, ctx) => {
    const [int, frac = ""] = text.split(".");
    const hundredths = BigInt(int!) * 100n + BigInt(frac.padEnd(2, "0"));
    if (hundredths === 0n || hundredths > 1024n * 100n) {
      ctx.addIssue({ code: "custom", message: "gb" });
      return z.NEVER;
    }
    return (hundredths * GiB) / 100n;
  });

export const adjustQuotaSchema = z.object({
  userId,
  direction: z.enum(["add", "remove"]),
  gb: gbSchema,
  reason,
  key,
});
