import type { ReactNode } from "react";
import { QueryProvider } from "@/components/providers";
import { ClientMessages } from "@/i18n/client-messages";

/**
 * Sends the browser the message namespaces this area's client components use (i18n/client-namespaces.ts),
 * and TanStack Query for the live panel that polls (modules/network/hooks/use-live-network.ts).
 */
export default function Layout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages area="network">
      <QueryProvider>{children}</QueryProvider>
    </ClientMessages>
  );
}
