"use client";
// The few strings the root error page needs, translated on the server by the root layout.
// app/error.tsx is a client component above every page; reading them through next-intl would put
// its client runtime (~12 KB gzip, the message formatter) on every page (docs/decisions/024).
import { createContext, type ReactNode, useContext } from "react";

export type ShellText = {
  errorTitle: string;
  errorDescription: string;
  /** "错误编号：{id}" — the one placeholder is filled by `fillText`. */
  errorId: string;
  retry: string;
  backHome: string;
};

const Context = createContext<ShellText | null>(null);

export function ShellTextProvider({ value, children }: { value: ShellText; children: ReactNode }) {
  return <Context value={value}>{children}</Context>;
}

export function useShellText(): ShellText | null {
  return useContext(Context);
}

/** Fills `{name}` placeholders of a server-translated message (plain arguments only, no ICU plurals). */
export function fillText(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
