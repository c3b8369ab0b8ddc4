// zod schemas for 停机保号 (a pause that freezes the package), shared by the card and the actions.
// Dates are Shanghai calendar days "YYYY-MM-DD": a pause starts at 00:00 of its start day (or now)
// and ends at 00:00 of its resume day.
import { z } from "zod";
import { isDayKey } from "@/lib/time";

const dayKeySchema = z.string().refine(isDayKey, { message: "invalid_date" });

export const requestPauseSchema = z.object({
  /** null = pause now */
  startDay: dayKeySchema.nullable(),
  /** the day the account comes back (00:00 Asia/Shanghai) */
  resumeDay: dayKeySchema,
});
export type RequestPauseInput = z.infer<typeof requestPauseSchema>;

export const pauseIdSchema = z.object({ pauseId: z.string().uuid() });
