import "server-only";
// The action clients. Every mutation goes through one of them, so the auth check and the
// error policy cannot be forgotten: expected AppErrors reach the user as a localised
// message; anything else is logged with an id and the user sees a generic message.
import { createSafeActionClient } from "next-safe-action";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth";
import { isAppError, newErrorId, type ActionFailure } from "@/lib/errors";
import { rolesFor, type Ability } from "@/lib/roles";

export async function toActionFailure(e: unknown): Promise<ActionFailure> {
  const t = await getTranslations("errors");
  if (isAppError(e)) return { code: e.code, message: t(e.code, e.params) };
  const errorId = newErrorId();
  console.error(`[campusnet] unexpected error ${errorId}:`, e);
  return { code: "INTERNAL", message: t("INTERNAL", { errorId }), errorId };
}

export const publicAction = createSafeActionClient<"flattened", ActionFailure>({
  defaultValidationErrorsShape: "flattened",
  handleServerError: (e) => toActionFailure(e),
});

function withAbility(ability: Ability) {
  return publicAction.use(async ({ next }) => {
    const user = await requireUser(rolesFor(ability));
    return next({ ctx: { user } });
  });
}

// The abilities are in lib/roles.ts (one table, also read by the authorization matrix test).
export const studentAction = withAbility("self.service");
export const operatorAction = withAbility("counter.recharge");
export const financeAction = withAbility("finance.manage");
export const adminAction = withAbility("settings.manage");
export const jobsAction = withAbility("jobs.manage");
export const helpdeskAction = withAbility("users.act");
export const quotaAdjustAction = withAbility("users.adjustQuota");
export const balanceAdjustAction = withAbility("users.adjustBalance");
export const noticesAction = withAbility("notices.send");
export const appealsAction = withAbility("appeals.decide");
export const lifecycleAction = withAbility("lifecycle.bulk");
export const catalogueAction = withAbility("catalogue.manage");
