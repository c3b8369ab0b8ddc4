"use server";
import { revalidateStudentPages } from "@/lib/revalidate";
import { after } from "next/server";
import { studentAction } from "@/lib/safe-action";
import { exchangeSchema } from "./schemas";
import { scheduleSpeedSync } from "@/modules/radius/coa.service";
import { exchangePackage } from "./service";

export const exchangePackageAction = studentAction.inputSchema(exchangeSchema).action(async ({ parsedInput, ctx }) => {
  const r = await exchangePackage({
    userId: ctx.user.id,
    packageId: parsedInput.packageId,
    requestKey: parsedInput.requestKey,
    offerId: parsedInput.offerId,
  });
  revalidateStudentPages();
  // New quota lifts a throttle at once: CoA the student's live sessions to high speed (after the response).
  if (!r.replayed) after(() => scheduleSpeedSync(ctx.user.id, "package-exchanged").then(() => undefined));
  return {
    holdingId: r.holdingId,
    packageCode: r.packageCode,
    priceFen: r.priceFen.toString(),
    balanceAfterFen: r.balanceAfterFen.toString(),
    replayed: r.replayed,
  };
});
