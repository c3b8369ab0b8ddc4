"use client";

import { Plus } from "@/components/icons/lucide/plus";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FieldError, FieldHint, Input, Label } from "@/components/ui/input";
import { knownKey } from "@/i18n/known-key";
import { registerMacDeviceAction } from "@/modules/network/actions";
import { deviceNameSchema, macSchema, registerMacDeviceSchema } from "@/modules/network/schemas";
import { useSafeAction } from "@/lib/use-safe-action";

type Field = "mac" | "name";
type Errors = Partial<Record<Field, string>>;

/** Register a console / TV for MAC sign-in: MAC + name, checked here and again by the action. */
export function RegisterDeviceForm({ count, max }: { count: number; max: number }) {
  const t = useTranslations("network.devices.register");
  const tv = useTranslations("network.validation");
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [mac, setMac] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const action = useSafeAction(registerMacDeviceAction, {
    messages: { invalid: tv("generic"), network: tv("network") },
    onSuccess: (data) => {
      setDone(t("done", { name: data.name, mac: data.mac }));
      setMac("");
      setName("");
      startRefresh(() => router.refresh());
    },
    onFieldErrors: (fe) => setErrors({ mac: message("mac", fe.mac?.[0]), name: message("name", fe.name?.[0]) }),
  });
  const { pending, errorMessage: formError } = action;
  const macId = useId();
  const nameId = useId();
  const full = count >= max;

  const message = (field: Field, code: string | undefined): string | undefined => {
    if (!code) return undefined;
    const key = `${field}.${code}`;
    return knownKey(tv, key) ? tv(key) : tv("generic");
  };

  const check = (): Errors => {
    const r = registerMacDeviceSchema.safeParse({ mac, name });
    if (r.success) return {};
    const out: Errors = {};
    for (const issue of r.error.issues) {
      const field = issue.path[0] as Field;
      const code = field === "mac" && !mac.trim() ? "required" : issue.message;
      out[field] ??= message(field, code);
    }
    return out;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending || full) return;
    setDone(null);
    action.setErrorMessage(null);
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(found.mac ? macId : nameId)?.focus();
      return;
    }
    action.execute({ mac, name });
  };

  return (
    <Card aria-labelledby="register-title" className="p-5">
      <h2 id="register-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <Plus aria-hidden className="size-5 text-brand-700" />
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-500">{t("text", { max, count })}</p>

      {done ? (
        <Alert tone="success" className="mt-3">
          <span data-testid="register-done">{done}</span>
        </Alert>
      ) : null}
      {formError ? (
        <Alert tone="error" className="mt-3">
          {formError}
        </Alert>
      ) : null}
      {full ? (
        <p className="mt-3 rounded-xl bg-slate-100 px-3.5 py-2.5 text-sm text-slate-700">{t("full", { max })}</p>
      ) : (
        <form noValidate onSubmit={submit} className="mt-4 grid gap-4 sm:grid-cols-2">
          <div>
            <Label htmlFor={macId}>{t("mac")}</Label>
            <Input
              id={macId}
              name="mac"
              value={mac}
              onChange={(e) => {
                setMac(e.target.value);
                // Errors show on submit; once shown, they clear as soon as the MAC is valid.
                if (errors.mac && macSchema.safeParse(e.target.value).success) setErrors((x) => ({ ...x, mac: undefined }));
              }}
              invalid={!!errors.mac}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              inputMode="text"
              placeholder="A4:5E:60:12:34:56"
              className="font-mono"
              aria-describedby={`${macId}-hint ${macId}-error`}
            />
            <FieldHint id={`${macId}-hint`}>{t("macHint")}</FieldHint>
            <FieldError id={`${macId}-error`}>{errors.mac}</FieldError>
          </div>
          <div>
            <Label htmlFor={nameId}>{t("name")}</Label>
            <Input
              id={nameId}
              name="name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                if (errors.name && deviceNameSchema.safeParse(e.target.value).success) setErrors((x) => ({ ...x, name: undefined }));
              }}
              invalid={!!errors.name}
              maxLength={60}
              autoComplete="off"
              placeholder={t("namePlaceholder")}
              aria-describedby={`${nameId}-error`}
            />
            <FieldError id={`${nameId}-error`}>{errors.name}</FieldError>
          </div>
          <div className="sm:col-span-2">
            <Button type="submit" pending={pending} pendingLabel={t("pending")} className="w-full sm:w-auto sm:min-w-28">
              {t("submit")}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
