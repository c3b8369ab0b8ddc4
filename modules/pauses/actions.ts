"use server";
// 停机保号 for the signed-in student. Thin: the schema validates the days, studentAction signs in,
// the service gets ctx.user.id and the clock's now.
import { now } from "@/lib/clock";
import { revalidateStudentPages } from "@/lib/revalidate";
import { studentAction } from "@/lib/safe-action";
import { shanghaiDayRange } from "@/lib/time";
import { requestPauseSchema } from "./schemas";
import { cancelPause, requestPause, resumeEarly } from "./service";

/** Pause now (startDay null) or from 00:00 of a start day, until 00:00 of the resume day. */
export const requestPauseAction = studentAction.inputSchema(requestPauseSchema).action(async ({ parsedInput, ctx }) => {
  const r = await requestPause(
    ctx.user.id,
    { startsAt: parsedInput.startDay ? shanghaiDayRange(parsedInput.startDay).from : null, endsAt: shanghaiDayRange(parsedInput.resumeDay).from },
    now(),
  );
  revalidateStudentPages();
  return { state: r.pause.state, days: r.pause.days, disconnected: r.disconnected.length };
});

/** Cancel the scheduled pause (not started yet). */
export const cancelPauseAction = studentAction.action(async ({ ctx }) => {
  await cancelPause(ctx.user.id, now());
  revalidateStudentPages();
  return { ok: true as const };
});

/** End the running pause now; the package has its remaining days again. */
export const resumePauseAction = studentAction.action(async ({ ctx }) => {
  const r = await resumeEarly(ctx.user.id, now());
  revalidateStudentPages();
  return { status: r.status, expiresAt: r.expiresAt?.toISOString() ?? null };
});
