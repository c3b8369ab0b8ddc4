import type { ReactNode } from "react";
import { AdminShell } from "@/components/shell/admin-shell";
import { requirePageUser } from "@/lib/auth";
import { STAFF_ROLES } from "@/lib/roles";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser({ roles: STAFF_ROLES, callbackUrl: "/admin" });
  return (
    <AdminShell userName={user.name} role={user.role}>
      {children}
    </AdminShell>
  );
}
