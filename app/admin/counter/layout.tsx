import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth";

/** 营业厅充值 is for operators (and admins); everyone else gets a 403. */
export default async function CounterLayout({ children }: { children: ReactNode }) {
  await requirePageUser({ roles: ["OPERATOR", "ADMIN"], callbackUrl: "/admin/counter" });
  return children;
}
