import type { ReactNode } from "react";
import { AdminShell } from "@/components/shell/admin-shell";
import { ClientMessages } from "@/i18n/client-messages";
import { requireStaff } from "@/lib/auth";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // A first redirect for the shell's name and role, not the guard: every page checks for itself.
  const user = await requireStaff("admin.view", "/admin");
  return (
    // Staff pages (desktop) get every message namespace (i18n/client-namespaces.ts).
    <ClientMessages area="all">
      <AdminShell userName={user.name} role={user.role}>
        {children}
      </AdminShell>
    </ClientMessages>
  );
}
