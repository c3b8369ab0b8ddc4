// zod schemas for the network self-service (network password, devices, sessions), shared by
// forms and actions.
import { z } from "zod";
import { normaliseMac } from "@/modules/radius/codec";

/** The rules shown next to the form: 8–64 characters, at least one letter and one digit, printable ASCII. */
export const NETWORK_PASSWORD_RULES = { minLength: 8, maxLength: 64 } as const;

export const networkPasswordSchema = z
  .string()
  .min(NETWORK_PASSWORD_RULES.minLength, { message: "too_short" })
  .max(NETWORK_PASSWORD_RULES.maxLength, { message: "too_long" })
  .regex(/^[\x21-\x7e]+$/, { message: "printable_ascii" })
  .regex(/[A-Za-z]/, { message: "needs_letter" })
  .regex(/\d/, { message: "needs_digit" });

export const setNetworkPasswordSchema = z
  .object({ password: networkPasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "mismatch", path: ["confirm"] });

/** A MAC in any common spelling, normalised to AA:BB:CC:DD:EE:FF; group and all-zero MACs are refused. */
export const macSchema = z.string().transform((s, ctx) => {
  const mac = normaliseMac(s);
  if (!mac || mac === "00:00:00:00:00:00" || (parseInt(mac.slice(0, 2), 16) & 1) === 1) {
    ctx.addIssue({ code: "custom", message: "invalid_mac" });
    return z.NEVER;
  }
  return mac;
});

export const deviceNameSchema = z.string().trim().min(1, { message: "required" }).max(40, { message: "too_long" });

export const registerMacDeviceSchema = z.object({ mac: macSchema, name: deviceNameSchema });
export const deviceIdSchema = z.object({ deviceId: z.string().uuid() });
export const renameDeviceSchema = z.object({ deviceId: z.string().uuid(), name: deviceNameSchema });
export const sessionIdSchema = z.object({ sessionId: z.string().uuid() });

export const listSessionsSchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export type RegisterMacDeviceInput = z.infer<typeof registerMacDeviceSchema>;
export type ListSessionsInput = z.input<typeof listSessionsSchema>;

/** Seamless MAC login (无感知认证) on or off. */
export const seamlessLoginSchema = z.object({ on: z.boolean() });
