"use client";

import { Check } from "@/components/icons/lucide/check";
import { Eye } from "@/components/icons/lucide/eye";
import { EyeOff } from "@/components/icons/lucide/eye-off";
import { X } from "@/components/icons/lucide/x";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FieldError, Input, Label } from "@/components/ui/input";
import { knownKey } from "@/i18n/known-key";
import { formatDateTime } from "@/lib/format";
import { setNetworkPasswordAction } from "@/modules/network/actions";
import { NETWORK_PASSWORD_RULES, networkPasswordSchema, setNetworkPasswordSchema } from "@/modules/network/schemas";
import { passwordStrength } from "./network-view";
import { useSafeAction } from "@/lib/use-safe-action";

type Field = "password" | "confirm";
type Errors = Partial<Record<Field, string>>;

const RULES = [
  { key: "length", test: (pw: string) => pw.length >= NETWORK_PASSWORD_RULES.minLength && pw.length <= NETWORK_PASSWORD_RULES.maxLength },
  { key: "letter", test: (pw: string) => /[A-Za-z]/.test(pw) },
  { key: "digit", test: (pw: string) => /\d/.test(pw) },
  { key: "ascii", test: (pw: string) => pw.length > 0 && /^[\x21-\x7e]+$/.test(pw) },
] as const;

const strengthTones = ["bg-slate-200", "bg-red-500", "bg-amber-500", "bg-lime-500", "bg-emerald-600"] as const;

/**
 * Set or reset the network password: the rules (ticked as they are met), a strength hint,
 * a confirm field, the server's rate limit shown as it comes, and a success state.
 */
export function NetworkPasswordForm({ hasPassword, studentNo }: { hasPassword: boolean; studentNo: string }) {
  const t = useTranslations("network.password");
  const tv = useTranslations("network.validation");
  const locale = useLocale();
  const router = useRouter();
  const [, startRefresh] = useTransition();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [visible, setVisible] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [doneAt, setDoneAt] = useState<string | null>(null);
  const action = useSafeAction(setNetworkPasswordAction, {
    messages: { invalid: tv("generic"), network: tv("network") },
    onSuccess: (data) => {
      setDoneAt(data.updatedAt);
      setPassword("");
      setConfirm("");
      setVisible(false);
      startRefresh(() => router.refresh());
    },
    onFieldErrors: (fe) => setErrors({ password: message(fe.password?.[0]), confirm: message(fe.confirm?.[0]) }),
  });
  const { pending, errorMessage: formError } = action;
  const pwId = useId();
  const confirmId = useId();
  const rulesId = useId();
  const strengthId = useId();
  const strength = passwordStrength(password, studentNo);

  const message = (code: string | undefined): string | undefined => {
    if (!code) return undefined;
    const key = `password.${code}`;
    return knownKey(tv, key) ? tv(key, { min: NETWORK_PASSWORD_RULES.minLength, max: NETWORK_PASSWORD_RULES.maxLength }) : tv("generic");
  };

  const check = (): Errors => {
    const out: Errors = {};
    if (!password) out.password = message("required");
    else {
      const r = networkPasswordSchema.safeParse(password);
      if (!r.success) out.password = message(r.error.issues[0]?.message);
    }
    if (!out.password) {
      const r = setNetworkPasswordSchema.safeParse({ password, confirm });
      if (!r.success) out.confirm = message(r.error.issues.find((i) => i.path[0] === "confirm")?.message ?? "mismatch");
    }
    return out;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    action.setErrorMessage(null);
    setDoneAt(null);
    const found = check();
    setErrors(found);
    if (found.password || found.confirm) {
      document.getElementById(found.password ? pwId : confirmId)?.focus();
      return;
    }
    action.execute({ password, confirm });
  };

  return (
    <div>
      {doneAt ? (
        <Alert tone="success" className="mb-4">
          <span data-testid="password-done">{t("done")}</span>
          <span className="mt-1 block text-xs tabular-nums">{formatDateTime(doneAt, locale)}</span>
        </Alert>
      ) : null}
      {formError ? (
        <Alert tone="error" className="mb-4">
          {formError}
        </Alert>
      ) : null}

      <form noValidate onSubmit={submit} className="space-y-4">
        <div>
          <Label htmlFor={pwId}>{t("new")}</Label>
          {/* The show/hide button beside the field, not over it: at 320 px with 200 % text an overlaid button covers half the field. */}
          <div className="flex gap-2">
            <Input
              id={pwId}
              name="password"
              type={visible ? "text" : "password"}
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                if (errors.password && networkPasswordSchema.safeParse(e.target.value).success) setErrors((x) => ({ ...x, password: undefined }));
              }}
              invalid={!!errors.password}
              autoComplete="new-password"
              autoCapitalize="off"
              spellCheck={false}
              maxLength={NETWORK_PASSWORD_RULES.maxLength + 10}
              className="min-w-0 flex-1"
              aria-describedby={`${rulesId} ${strengthId} ${pwId}-error`}
            />
            <button
              type="button"
              onClick={() => setVisible((v) => !v)}
              aria-label={visible ? t("hide") : t("show")}
              aria-pressed={visible}
              className="flex min-h-11 w-11 shrink-0 items-center justify-center rounded-xl bg-white text-slate-600 shadow-sm ring-1 ring-slate-300 ring-inset hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
            >
              {visible ? <EyeOff aria-hidden className="size-5" /> : <Eye aria-hidden className="size-5" />}
            </button>
          </div>
          <FieldError id={`${pwId}-error`}>{errors.password}</FieldError>

          <div id={strengthId} className="mt-2" aria-live="polite">
            <div aria-hidden className="flex gap-1">
              {[1, 2, 3, 4].map((i) => (
                <span key={i} className={cn("h-1.5 flex-1 rounded-full", strength.score >= i ? strengthTones[strength.score] : "bg-slate-200")} />
              ))}
            </div>
            {strength.score > 0 ? (
              <p className="mt-1 text-xs text-slate-600" data-testid="password-strength" data-score={strength.score}>
                {t("strength.label")}: <span className="font-semibold">{t(`strength.${strength.score}`)}</span>
                {strength.hints.length > 0 ? (
                  <>
                    <span aria-hidden> · </span>
                    {t(`hints.${strength.hints[0]!}`)}
                  </>
                ) : null}
              </p>
            ) : null}
          </div>

          <div id={rulesId} className="mt-3 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-900/5 ring-inset">
            <p className="text-xs font-medium text-slate-500">{t("rulesTitle")}</p>
            <ul className="mt-1.5 space-y-1 text-sm">
              {RULES.map((rule) => {
                const ok = rule.test(password);
                return (
                  <li key={rule.key} className={cn("flex items-start gap-1.5", ok ? "text-emerald-700" : "text-slate-600")} data-ok={ok}>
                    {ok ? <Check aria-hidden className="mt-0.5 size-4 shrink-0" /> : <X aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-400" />}
                    {t(`rules.${rule.key}`, { min: NETWORK_PASSWORD_RULES.minLength, max: NETWORK_PASSWORD_RULES.maxLength })}
                  </li>
                );
              })}
            </ul>
          </div>
        </div>

        <div>
          <Label htmlFor={confirmId}>{t("confirm")}</Label>
          <Input
            id={confirmId}
            name="confirm"
            type={visible ? "text" : "password"}
            value={confirm}
            onChange={(e) => {
              setConfirm(e.target.value);
              // Errors show on submit (a message appearing on blur would move the button away from the click); once shown, they clear as soon as they are fixed.
              if (errors.confirm && e.target.value === password) setErrors((x) => ({ ...x, confirm: undefined }));
            }}
            invalid={!!errors.confirm}
            autoComplete="new-password"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby={`${confirmId}-error`}
          />
          <FieldError id={`${confirmId}-error`}>{errors.confirm}</FieldError>
        </div>

        <div>
          <Button type="submit" pending={pending} pendingLabel={t("pending")} className="w-full sm:w-auto sm:min-w-40">
            {hasPassword ? t("submitReset") : t("submitSet")}
          </Button>
          <p className="mt-2 text-xs text-slate-500">{t("rateNote")}</p>
        </div>
      </form>
    </div>
  );
}
