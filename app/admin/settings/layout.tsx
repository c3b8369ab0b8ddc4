import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth";

/** 设置 is for admins only; operators and finance get a 403. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requirePageUser({ roles: ["ADMIN"], callbackUrl: "/admin/settings" });
  return children;
}
