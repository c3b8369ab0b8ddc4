"use client";

import { useTranslations } from "next-intl";
import { updateServicePolicyAction } from "@/modules/admin/actions";
import { servicePolicyFormSchema, type ServicePolicyForm as ServicePolicyFormValues } from "@/modules/admin/schemas";
import { PolicyForm, SettingsField } from "./settings-field";
import { useSettingsForm } from "./use-settings-form";

const RENAME: Record<string, string> = {
  appealMaxUsedBytes: "appealMaxUsedMb",
  guestPassMaxBytes: "guestPassMaxGb",
  guestDownKbps: "guestDownMbps",
  guestUpKbps: "guestUpMbps",
};
const rename = (k: string) => RENAME[k] ?? k;

type Field = keyof Omit<ServicePolicyFormValues, "reason">;

/** 自助服务规则: appeal window, guest passes, pauses and the device limit. */
export function ServicePolicyForm({ initial }: { initial: ServicePolicyFormValues }) {
  const t = useTranslations("settings.service");
  const tf = useTranslations("settings.fields");
  const form = useSettingsForm({
    initial,
    schema: servicePolicyFormSchema,
    rename,
    action: updateServicePolicyAction,
    savedMessage: t("saved"),
  });
  const { values, set, errors } = form;
  const field = (name: Field, label: string, unit: string, testId: string, inputMode: "numeric" | "decimal" = "numeric") => (
    <SettingsField label={label} unit={unit} inputMode={inputMode} value={values[name]} onChange={set(name)} error={errors[name]} testId={testId} />
  );

  return (
    <PolicyForm name="service" hint={t("hint")} form={form}>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("appeal")}</legend>
        {field("appealWindowHours", tf("appealWindowHours"), t("hours"), "service-appeal-hours")}
        {field("appealMaxUsedMb", tf("appealMaxUsedBytes"), "MB", "service-appeal-mb")}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("guest")}</legend>
        {field("guestPassMaxHours", tf("guestPassMaxHours"), t("hours"), "service-guest-hours")}
        {field("guestPassMaxGb", tf("guestPassMaxBytes"), "GB", "service-guest-gb", "decimal")}
        {field("guestPassMaxLive", tf("guestPassMaxLive"), t("passes"), "service-guest-live")}
        {field("guestDownMbps", tf("guestDownKbps"), "Mbit/s", "service-guest-down", "decimal")}
        {field("guestUpMbps", tf("guestUpKbps"), "Mbit/s", "service-guest-up", "decimal")}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("pause")}</legend>
        {field("pauseMinDays", tf("pauseMinDays"), t("days"), "service-pause-min")}
        {field("pauseMaxDays", tf("pauseMaxDays"), t("days"), "service-pause-max")}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("devices")}</legend>
        {field("deviceLimit", tf("deviceLimit"), t("devicesUnit"), "service-device-limit")}
      </fieldset>
    </PolicyForm>
  );
}
