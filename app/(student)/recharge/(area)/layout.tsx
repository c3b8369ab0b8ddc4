import type { ReactNode } from "react";
import { ClientMessages } from "@/i18n/client-messages";

/** Sends the browser the message namespaces this area's client components use (i18n/client-namespaces.ts). */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages area="recharge">{children}</ClientMessages>;
}
