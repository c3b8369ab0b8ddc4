"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { updateQuotaPolicyAction } from "@/modules/admin/actions";
import { quotaPolicyFormSchema, type QuotaPolicyForm as QuotaPolicyFormValues } from "@/modules/admin/schemas";
import { PolicyReasonField, SettingsField } from "./settings-field";
import { useSettingsForm } from "./use-settings-form";

const rename = (k: string) => (k === "freeMonthlyBytes" ? "freeMonthlyGb" : k.replace(/Kbps$/, "Mbps"));

/** 免费流量与限速: GB and Mbit/s (1 Mbit = 1024 kbit). */
export function QuotaPolicyForm({ initial }: { initial: QuotaPolicyFormValues }) {
  const t = useTranslations("settings.quota");
  const tv = useTranslations("settings");
  const { values, set, errors, pending, result, submit } = useSettingsForm({
    initial,
    schema: quotaPolicyFormSchema,
    rename,
    action: updateQuotaPolicyAction,
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
      <p className="text-sm text-slate-500">{t("speedHint")}</p>
      <PolicyReasonField value={values.reason} onChange={set("reason")} error={errors.reason} testId="quota-reason" />
      {result ? (
        <div data-testid="quota-result">
          <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>
        </div>
      ) : null}
      <Button type="submit" pending={pending} pendingLabel={tv("saving")} data-testid="quota-save">
        {tv("save")}
      </Button>
    </form>
  );
}
