import type { ReactNode } from "react";
import { AdminShell } from "@/components/shell/admin-shell";
import { requireStaff } from "@/lib/auth";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // A first redirect for the shell's name and role, not the guard: every page checks for itself.
  const user = await requireStaff("admin.view", "/admin");
  return (
    <AdminShell userName={user.name} role={user.role}>
      {children}
    </AdminShell>
  );
}
