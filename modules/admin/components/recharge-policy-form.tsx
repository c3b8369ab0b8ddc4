"use client";

import { useTranslations } from "next-intl";
import { updateRechargePolicyAction } from "@/modules/admin/actions";
import { rechargePolicyFormSchema, type RechargePolicyForm as RechargePolicyFormValues } from "@/modules/admin/schemas";
import { PolicyForm, SettingsField } from "./settings-field";
import { useSettingsForm } from "./use-settings-form";

const rename = (k: string) => (k === "minFen" ? "minYuan" : k === "maxFen" ? "maxYuan" : k);

/** 充值限额与订单超时: yuan (parsed to fen without floats) and minutes. */
export function RechargePolicyForm({ initial }: { initial: RechargePolicyFormValues }) {
  const t = useTranslations("settings.recharge");
  const form = useSettingsForm({
    initial,
    schema: rechargePolicyFormSchema,
    rename,
    action: updateRechargePolicyAction,
    savedMessage: t("saved"),
  });
  const { values, set, errors } = form;

  return (
    <PolicyForm name="recharge" hint={t("hint")} form={form}>
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
    </PolicyForm>
  );
}
