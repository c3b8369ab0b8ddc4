import { z } from "zod";

/** Longest appeal or decision reason, in characters (after trimming). */
export const APPEAL_REASON_MAX = 300;

/** A reason as the student or staff member typed it: trimmed, required, at most APPEAL_REASON_MAX characters. */
export const appealReasonSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "REASON_REQUIRED").max(APPEAL_REASON_MAX, "APPEAL_REASON_TOO_LONG"));

export const fileAppealSchema = z.object({
  holdingId: z.string().uuid(),
  reason: appealReasonSchema,
});
export type FileAppealInput = z.infer<typeof fileAppealSchema>;

/** Staff decide a pending appeal (/admin/queues/appeals): approve (refund) or refuse, with a reason either way. */
export const decideAppealSchema = z.object({
  appealId: z.string().uuid(),
  approve: z.boolean(),
  reason: appealReasonSchema,
});
export type DecideAppealInput = z.infer<typeof decideAppealSchema>;
