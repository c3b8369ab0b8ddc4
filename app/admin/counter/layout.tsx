import type { ReactNode } from "react";
import { requireStaff } from "@/lib/auth";

/** 营业厅充值: a first redirect only; each counter page checks "counter.recharge" itself. */
export default async function CounterLayout({ children }: { children: ReactNode }) {
  await requireStaff("counter.recharge", "/admin/counter");
  return children;
}
