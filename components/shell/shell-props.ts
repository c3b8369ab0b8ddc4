// Text for the shells' client parts (locale switch, sign-out), translated in the shells (Server
// Components) so those parts ship no next-intl client code (docs/decisions/024-web-speed.md).
// A hook: call it in a non-async Server Component (next-intl's server-side useTranslations).
import { useLocale, useTranslations } from "next-intl";
import { type AppLocale, isLocale, locales } from "@/i18n/config";
import type { LocaleSwitchText } from "./locale-switcher";
import type { SignOutText } from "./sign-out-button";

export function useShellClientText(): { locale: AppLocale; localeSwitch: LocaleSwitchText; signOut: SignOutText } {
  const t = useTranslations("common");
  const current = useLocale();
  const locale: AppLocale = isLocale(current) ? current : locales[0];
  const next = locales.find((l) => l !== locale) ?? locales[0];
  const nextLabel = t(`language.${next}`);
  return {
    locale,
    localeSwitch: { next, nextLabel, switchTo: t("language.switchTo", { language: nextLabel }) },
    signOut: { signOut: t("actions.signOut"), signingOut: t("actions.signingOut") },
  };
}
