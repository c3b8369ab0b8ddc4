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

/** Why a policy was changed: kept with its revision (decision 030). */
export const MAX_REASON = 200;
export const policyReasonSchema = z.string().trim().min(1, "reasonRequired").max(MAX_REASON, "reasonTooLong");
const withReason = { reason: policyReasonSchema };

/** The values stored in quota_policy. */
const quotaPolicyShape = z.object({
  freeMonthlyBytes: z
    .bigint()
    .min(0n, "freeRange")
    .max(BigInt(MAX_FREE_GB) * GIB, "freeRange"),
  highSpeedDownKbps: z.number().int().min(MIN_KBPS, "speedRange").max(MAX_KBPS, "speedRange"),
  highSpeedUpKbps: z.number().int().min(MIN_KBPS, "speedRange").max(MAX_KBPS, "speedRange"),
  throttledDownKbps: z.number().int().min(MIN_KBPS, "speedRange").max(MAX_KBPS, "speedRange"),
  throttledUpKbps: z.number().int().min(MIN_KBPS, "speedRange").max(MAX_KBPS, "speedRange"),
});
function quotaRules<S extends z.ZodType<z.infer<typeof quotaPolicyShape>>>(schema: S) {
  return schema
    .refine((p) => p.throttledDownKbps <= p.highSpeedDownKbps, { path: ["throttledDownKbps"], message: "throttledAboveHigh" })
    .refine((p) => p.throttledUpKbps <= p.highSpeedUpKbps, { path: ["throttledUpKbps"], message: "throttledAboveHigh" });
}
export const quotaPolicyValuesSchema = quotaRules(quotaPolicyShape);
export type QuotaPolicyValues = z.infer<typeof quotaPolicyValuesSchema>;
/** An edit: the values and why. */
export const quotaPolicyEditSchema = quotaRules(quotaPolicyShape.extend(withReason));
export type QuotaPolicyEdit = z.infer<typeof quotaPolicyEditSchema>;

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
    reason: z.string(),
  })
  .transform((f) => ({
    freeMonthlyBytes: gbToBytes(f.freeMonthlyGb),
    highSpeedDownKbps: mbpsToKbps(f.highSpeedDownMbps),
    highSpeedUpKbps: mbpsToKbps(f.highSpeedUpMbps),
    throttledDownKbps: mbpsToKbps(f.throttledDownMbps),
    throttledUpKbps: mbpsToKbps(f.throttledUpMbps),
    reason: f.reason,
  }))
  .pipe(quotaPolicyEditSchema);
export type QuotaPolicyForm = z.input<typeof quotaPolicyFormSchema>;

/** The values stored in recharge_policy (fen). */
const rechargePolicyShape = z.object({
  minFen: z.bigint().min(1n, "minTooSmall"),
  maxFen: z.bigint().max(10n ** 14n, "amountFormat"),
  orderTimeoutMinutes: z.number().int("timeoutRange").min(1, "timeoutRange").max(1440, "timeoutRange"),
});
function rechargeRules<S extends z.ZodType<z.infer<typeof rechargePolicyShape>>>(schema: S) {
  return schema.refine((p) => p.maxFen >= p.minFen, { path: ["maxFen"], message: "maxBelowMin" });
}
export const rechargePolicyValuesSchema = rechargeRules(rechargePolicyShape);
export type RechargePolicyValues = z.infer<typeof rechargePolicyValuesSchema>;
export const rechargePolicyEditSchema = rechargeRules(rechargePolicyShape.extend(withReason));
export type RechargePolicyEdit = z.infer<typeof rechargePolicyEditSchema>;

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
    reason: z.string(),
  })
  .transform((f) => ({ minFen: f.minYuan, maxFen: f.maxYuan, orderTimeoutMinutes: f.orderTimeoutMinutes, reason: f.reason }))
  .pipe(rechargePolicyEditSchema);
export type RechargePolicyForm = z.input<typeof rechargePolicyFormSchema>;

// 自助服务规则 (service_policy): appeal window, guest passes, pauses, device limit.
const MIB = 1024n ** 2n;
const intRange = (min: number, max: number, message: string) => z.number().int(message).min(min, message).max(max, message);

const servicePolicyShape = z.object({
  appealWindowHours: intRange(1, 720, "appealWindowRange"),
  appealMaxUsedBytes: z
    .bigint()
    .min(0n, "appealUsedRange")
    .max(100n * 1024n * MIB, "appealUsedRange"),
  guestPassMaxHours: intRange(1, 168, "guestHoursRange"),
  guestPassMaxBytes: z
    .bigint()
    .min(10n * MIB, "guestBytesRange")
    .max(BigInt(MAX_FREE_GB) * GIB, "guestBytesRange"),
  guestPassMaxLive: intRange(1, 20, "guestLiveRange"),
  guestDownKbps: intRange(MIN_KBPS, MAX_KBPS, "speedRange"),
  guestUpKbps: intRange(MIN_KBPS, MAX_KBPS, "speedRange"),
  pauseMinDays: intRange(1, 365, "pauseRange"),
  pauseMaxDays: intRange(1, 730, "pauseRange"),
  deviceLimit: intRange(1, 20, "deviceLimitRange"),
});
function serviceRules<S extends z.ZodType<z.infer<typeof servicePolicyShape>>>(schema: S) {
  return schema.refine((p) => p.pauseMaxDays >= p.pauseMinDays, { path: ["pauseMaxDays"], message: "pauseMaxBelowMin" });
}
/** The values stored in service_policy. */
export const servicePolicyValuesSchema = serviceRules(servicePolicyShape);
export type ServicePolicyValues = z.infer<typeof servicePolicyValuesSchema>;
export const servicePolicyEditSchema = serviceRules(servicePolicyShape.extend(withReason));
export type ServicePolicyEdit = z.infer<typeof servicePolicyEditSchema>;

/** A whole number as typed ("72"); anything else is `message`. */
const intText = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, message)
    .transform(Number);

/** bytes → whole MB text; "100" MB → bytes. */
export function bytesToMbText(bytes: bigint): string {
  return ((bytes + MIB / 2n) / MIB).toString();
}

/** The service-policy form: hours, MB, GB, Mbit/s, days and a count as typed. */
export const servicePolicyFormSchema = z
  .object({
    appealWindowHours: intText("appealWindowRange"),
    appealMaxUsedMb: intText("appealUsedRange"),
    guestPassMaxHours: intText("guestHoursRange"),
    guestPassMaxGb: z
      .string()
      .trim()
      .regex(/^\d{1,7}(\.\d{1,2})?$/, "gbFormat"),
    guestPassMaxLive: intText("guestLiveRange"),
    guestDownMbps: decimalText,
    guestUpMbps: decimalText,
    pauseMinDays: intText("pauseRange"),
    pauseMaxDays: intText("pauseRange"),
    deviceLimit: intText("deviceLimitRange"),
    reason: z.string(),
  })
  .transform((f) => ({
    appealWindowHours: f.appealWindowHours,
    appealMaxUsedBytes: BigInt(f.appealMaxUsedMb) * MIB,
    guestPassMaxHours: f.guestPassMaxHours,
    guestPassMaxBytes: gbToBytes(f.guestPassMaxGb),
    guestPassMaxLive: f.guestPassMaxLive,
    guestDownKbps: mbpsToKbps(f.guestDownMbps),
    guestUpKbps: mbpsToKbps(f.guestUpMbps),
    pauseMinDays: f.pauseMinDays,
    pauseMaxDays: f.pauseMaxDays,
    deviceLimit: f.deviceLimit,
    reason: f.reason,
  }))
  .pipe(servicePolicyEditSchema);
export type ServicePolicyForm = z.input<typeof servicePolicyFormSchema>;

// ───────────────────────── policy history ─────────────────────────

export const POLICY_KINDS = ["quota", "recharge", "service"] as const;
export type PolicyKindParam = (typeof POLICY_KINDS)[number];
export const policyKindSchema = z.enum(POLICY_KINDS);

/** How a field of a policy is shown (labels are settings.fields.<field>). */
export type PolicyFieldUnit = "gb" | "mb" | "mbps" | "yuan" | "minutes" | "hours" | "days" | "count";
export const POLICY_FIELDS: Record<PolicyKindParam, Record<string, PolicyFieldUnit>> = {
  quota: { freeMonthlyBytes: "gb", highSpeedDownKbps: "mbps", highSpeedUpKbps: "mbps", throttledDownKbps: "mbps", throttledUpKbps: "mbps" },
  recharge: { minFen: "yuan", maxFen: "yuan", orderTimeoutMinutes: "minutes" },
  service: {
    appealWindowHours: "hours",
    appealMaxUsedBytes: "mb",
    guestPassMaxHours: "hours",
    guestPassMaxBytes: "gb",
    guestPassMaxLive: "count",
    guestDownKbps: "mbps",
    guestUpKbps: "mbps",
    pauseMinDays: "days",
    pauseMaxDays: "days",
    deviceLimit: "count",
  },
};

/** `?before=` of the history pages: a revision id, or nothing (the newest page). */
export const revisionCursorSchema = z
  .string()
  .regex(/^\d{1,18}$/)
  .transform((v) => BigInt(v))
  .optional()
  .catch(undefined);

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
