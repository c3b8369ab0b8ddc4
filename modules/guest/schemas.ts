// zod schemas for the guest pass (访客码) form and actions. The policy's limits (hours, data) are
// checked again by the service, which knows the current policy.
import { z } from "zod";

export const GUEST_LABEL_MAX = 40;

export const issueGuestPassSchema = z.object({
  hours: z.coerce.number({ message: "hours" }).int({ message: "hours" }).min(1, { message: "hours" }).max(168, { message: "hours" }),
  /** the data allowance in MiB */
  dataMiB: z.coerce.number({ message: "data" }).int({ message: "data" }).min(1, { message: "data" }).max(1_048_576, { message: "data" }),
  label: z.string().trim().max(GUEST_LABEL_MAX, { message: "label_too_long" }).optional(),
});
export type IssueGuestPassInput = z.infer<typeof issueGuestPassSchema>;

export const guestPassIdSchema = z.object({ passId: z.string().uuid() });
