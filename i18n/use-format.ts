import { useLocale } from "next-intl";
import { bindFormatters, type Formatters } from "./formatters";

/**
 * Locale-bound formatters for client components and non-async server components:
 * `const f = useFormat(); f.fen(balanceFen); f.bytes(quotaBytes); f.dateTime(at)`.
 */
export function useFormat(): Formatters {
  return bindFormatters(useLocale());
}
