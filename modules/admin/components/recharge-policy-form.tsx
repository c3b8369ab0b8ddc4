"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { updateRechargePolicyAction } from "@/modules/admin/actions";
import { rechargePolicyFormSchema, type RechargePolicyForm as RechargePolicyFormValues } from "@/modules/admin/schemas";
import { PolicyReasonField, SettingsField } from "./settings-field";
import { useSettingsForm } from "./use-settings-form";

const rename = (k: string) => (k === "minFen" ? "minYuan" : k === "maxFen" ? "maxYuan" : k);

/** 充值限额与订单超时: yuan (parsed to fen without floats) and minutes. */
export function RechargePolicyForm({ initial }: { initial: RechargePolicyFormValues }) {
  const t = useTranslations("settings.recharge");
  const tv = useTranslations("settings");
  const { values, set, errors, pending, result, submit } = useSettingsForm({
    initial,
    schema: rechargePolicyFormSchema,
    rename,
    action: updateRechargePolicyAction,
    savedMessage: t("saved"),
  });

  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <SettingsField label={t("min")} unit="¥" value={values.minYuan} onChange={set("minYuan")} error={errors.minYuan} testId="recharge-min" />
        <SettingsField label={t("max")} unit="¥" value={values.maxYuan} onChange={set("maxYuan")} error={errors.maxYuan} testId="recharge-max" />
        <SettingsField
          label={t("timeout")}
          unit={t("minutes")}
          inputMode="numeric"
          value={values.orderTimeoutMinutes}
          onChange={set("orderTimeoutMinutes")}
          error={errors.orderTimeoutMinutes}
          testId="recharge-timeout"
        />
      </div>
      <p className="text-sm text-slate-500">{t("hint")}</p>
      <PolicyReasonField value={values.reason} onChange={set("reason")} error={errors.reason} testId="recharge-reason" />
      {result ? (
        <div data-testid="recharge-result">
          <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>
        </div>
      ) : null}
      <Button type="submit" pending={pending} pendingLabel={tv("saving")} data-testid="recharge-save">
        {tv("save")}
      </Button>
    </form>
  );
}
