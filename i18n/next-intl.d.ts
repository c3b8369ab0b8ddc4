import type { AppLocale } from "./config";
import type { defaultMessages } from "./default-messages";

declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof defaultMessages;
  }
}
