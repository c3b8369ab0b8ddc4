// zod schemas of the jobs actions, shared by the admin page and the server.
import { z } from "zod";
import { JOB_NAMES } from "./schedule";

export const runJobSchema = z.object({ name: z.enum(JOB_NAMES) });
export type RunJobInput = z.infer<typeof runJobSchema>;
