"use client";

import { useTranslations } from "next-intl";
import { updateQuotaPolicyAction } from "@/modules/admin/actions";
import { quotaPolicyFormSchema, type QuotaPolicyForm as QuotaPolicyFormValues } from "@/modules/admin/schemas";
import { PolicyForm, SettingsField } from "./settings-field";
import { useSettingsForm } from "./use-settings-form";

const rename = (k: string) => (k === "freeMonthlyBytes" ? "freeMonthlyGb" : k.replace(/Kbps$/, "Mbps"));

/** 免费流量与限速: GB and Mbit/s (1 Mbit = 1024 kbit). */
export function QuotaPolicyForm({ initial }: { initial: QuotaPolicyFormValues }) {
  const t = useTranslations("settings.quota");
  const form = useSettingsForm({
    initial,
    schema: quotaPolicyFormSchema,
    rename,
    action: updateQuotaPolicyAction,
    savedMessage: t("saved"),
  });
  const { values, set, errors } = form;

  return (
    <PolicyForm name="quota" hint={t("speedHint")} form={form}>
      <SettingsField
        label={t("freeMonthly")}
        unit="GB"
        hint={t("freeMonthlyHint")}
        value={values.freeMonthlyGb}
        onChange={set("freeMonthlyGb")}
        error={errors.freeMonthlyGb}
        testId="quota-free-gb"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SettingsField
          label={t("highSpeedDown")}
          unit="Mbit/s"
          value={values.highSpeedDownMbps}
          onChange={set("highSpeedDownMbps")}
          error={errors.highSpeedDownMbps}
          testId="quota-high-down"
        />
        <SettingsField
          label={t("highSpeedUp")}
          unit="Mbit/s"
          value={values.highSpeedUpMbps}
          onChange={set("highSpeedUpMbps")}
          error={errors.highSpeedUpMbps}
          testId="quota-high-up"
        />
        <SettingsField
          label={t("throttledDown")}
          unit="Mbit/s"
          value={values.throttledDownMbps}
          onChange={set("throttledDownMbps")}
          error={errors.throttledDownMbps}
          testId="quota-throttled-down"
        />
        <SettingsField
          label={t("throttledUp")}
          unit="Mbit/s"
          value={values.throttledUpMbps}
          onChange={set("throttledUpMbps")}
          error={errors.throttledUpMbps}
          testId="quota-throttled-up"
        />
      </div>
    </PolicyForm>
  );
}
