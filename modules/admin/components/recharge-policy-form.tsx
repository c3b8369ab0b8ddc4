"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { updateRechargePolicyAction } from "@/modules/admin/actions";
import { rechargePolicyFormSchema, type RechargePolicyForm as RechargePolicyFormValues } from "@/modules/admin/schemas";
import { issuesByField, SettingsField } from "./settings-field";

const rename = (k: string) => (k === "minFen" ? "minYuan" : k === "maxFen" ? "maxYuan" : k);

/** 充值限额与订单超时: yuan (parsed to fen without floats) and minutes. */
export function RechargePolicyForm({ initial }: { initial: RechargePolicyFormValues }) {
  const t = useTranslations("settings.recharge");
  const tv = useTranslations("settings");
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const set = (key: keyof RechargePolicyFormValues) => (v: string) => setValues((prev) => ({ ...prev, [key]: v }));

  const submit = async () => {
    setResult(null);
    const parsed = rechargePolicyFormSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error, rename));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const r = await updateRechargePolicyAction(values);
      if (r?.data) {
        setResult({ ok: true, message: t("saved") });
        router.refresh();
      } else {
        setResult({ ok: false, message: r?.serverError?.message ?? tv("invalid") });
      }
    } catch {
      setResult({ ok: false, message: tv("network") });
    } finally {
      setPending(false);
    }
  };

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
        <SettingsField label={t("timeout")} unit={t("minutes")} inputMode="numeric" value={values.orderTimeoutMinutes} onChange={set("orderTimeoutMinutes")} error={errors.orderTimeoutMinutes} testId="recharge-timeout" />
      </div>
      <p className="text-sm text-slate-500">{t("hint")}</p>
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
