import { z } from "zod";
import { yuanSchema } from "@/lib/money";

/** Staff user search: 学号 prefix or part of a name. */
export const userSearchSchema = z.object({
  q: z.string().trim().max(40).default(""),
});

export const studentNoSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4,20}$/);

// ───────────────────────── settings (/admin/settings) ─────────────────────────
// Issue messages are keys under settings.validation; the form translates them.
// Speeds: 1 Mbit = 1024 kbit, as everywhere in the app (modules/radius/rates.ts).

const GIB = 1024n ** 3n;
export const MAX_FREE_GB = 1024;
export const MIN_KBPS = 64;
export const MAX_KBPS = 10 * 1024 * 1024; // 10 Gbit/s

/** The values stored in quota_policy. */
export const quotaPolicyValuesSchema = z
  .object({
    freeMonthlyBytes: z
      .bigint()
      .min(0n, "freeRange")
      .max(BigInt(MAX_FREE_GB) * GIB, "freeRange"),
    highSpeedDownKbps: z.number().int().min(MIN_KBPS, "speedRange").max(MAX_KBPS, "speedRange"),
    highSpeedUpKbps: z.number().int().min(MIN_KBPS, "speedRange").max(MAX_KBPS, "speedRange"),
    throttledDownKbps: z.number().int().min(MIN_KBPS, "speedRange").max(MAX_KBPS, "speedRange"),
    throttledUpKbps: z.number().int().min(MIN_KBPS, "speedRange").max(MAX_KBPS, "speedRange"),
  })
  .refine((p) => p.throttledDownKbps <= p.highSpeedDownKbps, { path: ["throttledDownKbps"], message: "throttledAboveHigh" })
  .refine((p) => p.throttledUpKbps <= p.highSpeedUpKbps, { path: ["throttledUpKbps"], message: "throttledAboveHigh" });
export type QuotaPolicyValues = z.infer<typeof quotaPolicyValuesSchema>;

const DECIMAL_RE = /^\d{1,7}(\.\d{1,8})?$/;
const decimalText = z.string().trim().regex(DECIMAL_RE, "number");

/** "20" / "20.5" GB → bytes (1 GB = 1024³ bytes, two decimals, rounded to a byte). */
export function gbToBytes(text: string): bigint {
  const [int, frac = ""] = text.trim().split(".");
  const hundredths = BigInt(int!) * 100n + BigInt(frac.slice(0, 2).padEnd(2, "0"));
  return (hundredths * GIB + 50n) / 100n;
}
/** bytes → "20" / "20.5" (at most two decimals) for the form. */
export function bytesToGbText(bytes: bigint): string {
  const hundredths = (bytes * 100n + GIB / 2n) / GIB;
  const int = hundredths / 100n;
  const frac = (hundredths % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return frac ? `${int}.${frac}` : `${int}`;
}
/** "2" Mbit/s → 2048 kbit/s; "0.0625" → 64. */
export function mbpsToKbps(text: string): number {
  return Math.round(Number(text) * 1024);
}
/** 2048 → "2"; 1500 → "1.46484375" (exact: kbit/1024 has at most 10 binary decimals). */
export function kbpsToMbpsText(kbps: number): string {
  return String(kbps / 1024);
}

/** The quota-policy form: GB and Mbit/s as typed. */
export const quotaPolicyFormSchema = z
  .object({
    freeMonthlyGb: z
      .string()
      .trim()
      .regex(/^\d{1,7}(\.\d{1,2})?$/, "gbFormat"),
    highSpeedDownMbps: decimalText,
    highSpeedUpMbps: decimalText,
    throttledDownMbps: decimalText,
    throttledUpMbps: decimalText,
  })
  .transform((f) => ({
    freeMonthlyBytes: gbToBytes(f.freeMonthlyGb),
    highSpeedDownKbps: mbpsToKbps(f.highSpeedDownMbps),
    highSpeedUpKbps: mbpsToKbps(f.highSpeedUpMbps),
    throttledDownKbps: mbpsToKbps(f.throttledDownMbps),
    throttledUpKbps: mbpsToKbps(f.throttledUpMbps),
  }))
  .pipe(quotaPolicyValuesSchema);
export type QuotaPolicyForm = z.input<typeof quotaPolicyFormSchema>;

/** The values stored in recharge_policy (fen). */
export const rechargePolicyValuesSchema = z
  .object({
    minFen: z.bigint().min(1n, "minTooSmall"),
    maxFen: z.bigint().max(10n ** 14n, "amountFormat"),
    orderTimeoutMinutes: z.number().int("timeoutRange").min(1, "timeoutRange").max(1440, "timeoutRange"),
  })
  .refine((p) => p.maxFen >= p.minFen, { path: ["maxFen"], message: "maxBelowMin" });
export type RechargePolicyValues = z.infer<typeof rechargePolicyValuesSchema>;

/** Yuan text → fen by lib/money.ts's yuanSchema; any money issue is this form's "amountFormat". */
function yuanField() {
  return z.string().transform((text, ctx) => {
    const parsed = yuanSchema.safeParse(text);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: "amountFormat" });
    return z.NEVER;
  });
}

/** The recharge-policy form: yuan and minutes as typed. */
export const rechargePolicyFormSchema = z
  .object({
    minYuan: yuanField(),
    maxYuan: yuanField(),
    orderTimeoutMinutes: z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, "timeoutRange")
      .transform(Number),
  })
  .transform((f) => ({ minFen: f.minYuan, maxFen: f.maxYuan, orderTimeoutMinutes: f.orderTimeoutMinutes }))
  .pipe(rechargePolicyValuesSchema);
export type RechargePolicyForm = z.input<typeof rechargePolicyFormSchema>;

/** A RADIUS client (NAS). The secret is never sent back to the browser. */
export const nasClientSchema = z.object({
  name: z.string().trim().min(1, "nameRequired").max(64, "nameTooLong"),
  ipAddress: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.union([z.ipv4(), z.ipv6()], { error: "ipInvalid" })),
  coaPort: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, "portRange")
    .transform(Number)
    .pipe(z.number().int().min(1, "portRange").max(65535, "portRange")),
  secret: z.string().min(8, "secretLength").max(128, "secretLength"),
});
export type NasClientForm = z.input<typeof nasClientSchema>;
export type NasClientValues = z.output<typeof nasClientSchema>;

/** Editing: a blank secret keeps the current one. */
export const nasClientUpdateSchema = nasClientSchema.extend({
  id: z.uuid(),
  secret: z.union([z.literal(""), z.string().min(8, "secretLength").max(128, "secretLength")]),
});
export type NasClientUpdateValues = z.output<typeof nasClientUpdateSchema>;

export const nasClientIdSchema = z.object({ id: z.uuid() });
