import { formatBytes, formatDate, formatDateTime, formatMonth, formatTime, type DateInput } from "@/lib/format";
import { formatFen } from "@/lib/money";

export type Formatters = {
  locale: string;
  /** Integer fen → "¥12.30" */
  fen: (fen: bigint | number | string) => string;
  /** Bytes → "1.5 GB" */
  bytes: (bytes: bigint | number | string) => string;
  /** Asia/Shanghai date and time → "2026/12/01 00:30" */
  dateTime: (date: DateInput) => string;
  date: (date: DateInput) => string;
  time: (date: DateInput) => string;
  /** A date or "YYYY-MM" → "2026年12月" / "December 2026" */
  month: (month: DateInput) => string;
};

export function bindFormatters(locale: string): Formatters {
  return {
    locale,
    fen: (fen) => formatFen(fen, locale),
    bytes: (bytes) => formatBytes(bytes, locale),
    dateTime: (date) => formatDateTime(date, locale),
    date: (date) => formatDate(date, locale),
    time: (date) => formatTime(date, locale),
    month: (month) => formatMonth(month, locale),
  };
}
