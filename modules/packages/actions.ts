"use server";
import { revalidatePath } from "next/cache";
import { studentAction } from "@/lib/safe-action";
import { exchangeSchema } from "./schemas";
import { exchangePackage } from "./service";

export const exchangePackageAction = studentAction.inputSchema(exchangeSchema).action(async ({ parsedInput, ctx }) => {
  const r = await exchangePackage({ userId: ctx.user.id, packageId: parsedInput.packageId, requestKey: parsedInput.requestKey });
  revalidatePath("/", "layout");
  return { holdingId: r.holdingId, packageCode: r.packageCode, priceFen: r.priceFen.toString(), balanceAfterFen: r.balanceAfterFen.toString(), replayed: r.replayed };
});
