"use server";
// Jobs actions: thin — validate (zod), authorise (jobsAction: the jobs.manage ability), call the service.
import { jobsAction } from "@/lib/safe-action";
import { runJobSchema } from "./schemas";
import { runJobNow } from "./service";

/** Queue one run of a scheduled job now (/admin/jobs); audited. */
export const runJobNowAction = jobsAction.inputSchema(runJobSchema).action(async ({ parsedInput, ctx }) => runJobNow(parsedInput.name, ctx.user));
