import { z } from "zod";
import { yuanSchema } from "@/lib/money";
import { parseShanghaiDateTime } from "@/lib/time";

// The network office's catalogue (/admin/catalogue). Issue messages are keys under
// admin.catalogue.validation (money issues: lib/money's codes); the forms translate them.

const GIB = 1024n ** 3n;
export const MAX_PACKAGE_GB = 10_000;
export const MAX_OFFER_LIMIT = 100;

const priceSchema = yuanSchema.refine((fen) => fen > 0n, "priceZero").refine((fen) => fen <= 1_000_000n, "TOO_LARGE");
const nameSchema = z.string().trim().min(1, "name").max(40, "name");
const gbSchema = z
  .string()
  .trim()
  .regex(/^\d{1,5}(\.\d{1,2})?$/, "gb")
  .transform((text) => {
    const [int, frac = ""] = text.split(".");
    return ((BigInt(int!) * 100n + BigInt(frac.padEnd(2, "0"))) * GIB) / 100n;
  })
  .refine((b) => b > 0n && b <= BigInt(MAX_PACKAGE_GB) * GIB, "gb");
const monthsSchema = z
  .string()
  .trim()
  .regex(/^\d{1,2}$/, "months")
  .transform(Number)
  .refine((n) => n >= 1 && n <= 12, "months");
const uuid = z.string().uuid("invalid");

/** "YYYY-MM-DDTHH:mm" as a datetime-local input gives it, read as Asia/Shanghai; "" = none. */
const optionalShanghaiTime = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === "") return null;
    const at = parseShanghaiDateTime(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00` : text);
    if (!at) {
      ctx.addIssue({ code: "custom", message: "time" });
      return z.NEVER;
    }
    return at;
  });
const shanghaiTime = optionalShanghaiTime.refine((at) => at !== null, "time").transform((at) => at!);

export const packageFields = {
  nameZh: nameSchema,
  nameEn: nameSchema,
  priceYuan: priceSchema,
  quotaGb: gbSchema,
  validityMonths: monthsSchema,
};

export const createPackageSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,24}$/, "code"),
  ...packageFields,
});
export type CreatePackageValues = z.infer<typeof createPackageSchema>;

/** An edit makes a new version of the package (holdings keep the one they bought). */
export const editPackageSchema = z.object({ id: uuid, ...packageFields });
export type EditPackageValues = z.infer<typeof editPackageSchema>;

export const onSaleSchema = z.object({ id: uuid, active: z.boolean() });

export const schedulePackageSchema = z
  .object({ id: uuid, availableFrom: optionalShanghaiTime, availableUntil: optionalShanghaiTime })
  .refine((v) => !v.availableFrom || !v.availableUntil || v.availableUntil > v.availableFrom, { path: ["availableUntil"], message: "untilBeforeFrom" });
export type ScheduleValues = z.infer<typeof schedulePackageSchema>;

export const OFFER_TARGETS = ["ALL", "NEW_STUDENTS"] as const;

export const createOfferSchema = z
  .object({
    family: z.string().trim().min(1, "family").max(40, "family"),
    priceYuan: priceSchema,
    startsAt: shanghaiTime,
    endsAt: shanghaiTime,
    perStudentLimit: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, "limit")
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_OFFER_LIMIT, "limit"),
    target: z.enum(OFFER_TARGETS, "invalid"),
  })
  .refine((v) => v.endsAt > v.startsAt, { path: ["endsAt"], message: "untilBeforeFrom" });
export type CreateOfferValues = z.infer<typeof createOfferSchema>;

export const offerIdSchema = z.object({ id: uuid });

/** A Date → the datetime-local text of its Asia/Shanghai wall clock ("" for null). */
export function toShanghaiInput(at: Date | null): string {
  if (!at) return "";
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}
