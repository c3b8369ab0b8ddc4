// Type test (checked by `tsc`, never run): typed messages (i18n/next-intl.d.ts) reject a wrong key.
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { knownKey } from "./known-key";

export function useWrongKeysFailTsc() {
  const t = useTranslations("network.password");
  t("strength.label");
  // @ts-expect-error a key that is not in messages/zh-CN/network.json
  t("strength.label2");
  // @ts-expect-error a namespace that does not exist
  useTranslations("networkk");
  // @ts-expect-error `has` is typed too: a run-time string goes through knownKey
  t.has("password.too_short" as string);
  const tv = useTranslations("network.validation");
  const key: string = "password.too_short";
  return knownKey(tv, key) ? tv(key) : tv("generic");
}

export async function wrongServerKeysFailTsc() {
  const t = await getTranslations("common");
  t("appName");
  // @ts-expect-error a key that is not in messages/zh-CN/common.json
  t("appNam");
}
