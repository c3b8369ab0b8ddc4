"use server";
// 套餐目录与特惠: thin — validate (zod), authorise (catalogueAction: "catalogue.manage"), call the service.
import { revalidatePath } from "next/cache";
import { revalidateStudentPages } from "@/lib/revalidate";
import { catalogueAction } from "@/lib/safe-action";
import { createOfferSchema, createPackageSchema, editPackageSchema, offerIdSchema, onSaleSchema, schedulePackageSchema } from "./schemas";
import { createOffer, createPackage, editPackage, schedulePackage, setPackageOnSale, withdrawOffer } from "./service";

function refresh(): void {
  revalidatePath("/admin/catalogue");
  revalidateStudentPages();
}

export const createPackageAction = catalogueAction.inputSchema(createPackageSchema).action(async ({ parsedInput, ctx }) => {
  const r = await createPackage(ctx.user, parsedInput);
  refresh();
  return r;
});

export const editPackageAction = catalogueAction.inputSchema(editPackageSchema).action(async ({ parsedInput, ctx }) => {
  const r = await editPackage(ctx.user, parsedInput);
  refresh();
  return r;
});

export const setPackageOnSaleAction = catalogueAction.inputSchema(onSaleSchema).action(async ({ parsedInput, ctx }) => {
  await setPackageOnSale(ctx.user, parsedInput);
  refresh();
  return { id: parsedInput.id };
});

export const schedulePackageAction = catalogueAction.inputSchema(schedulePackageSchema).action(async ({ parsedInput, ctx }) => {
  await schedulePackage(ctx.user, parsedInput);
  refresh();
  return { id: parsedInput.id };
});

export const createOfferAction = catalogueAction.inputSchema(createOfferSchema).action(async ({ parsedInput, ctx }) => {
  const r = await createOffer(ctx.user, parsedInput);
  refresh();
  return r;
});

export const withdrawOfferAction = catalogueAction.inputSchema(offerIdSchema).action(async ({ parsedInput, ctx }) => {
  await withdrawOffer(ctx.user, parsedInput);
  refresh();
  return { id: parsedInput.id };
});
