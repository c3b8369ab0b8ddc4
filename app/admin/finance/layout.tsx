import type { ReactNode } from "react";
import { requireStaff } from "@/lib/auth";
import { FinanceTabs } from "@/modules/finance/components/finance-tabs";
import { countFlaggedOrders } from "@/modules/finance/service";

/**
 * The finance tabs. Each finance page checks "finance.view" itself; this layout checks too
 * because it reads the flagged-order count for its own tab, and must not read it for anyone else.
 */
export default async function FinanceLayout({ children }: { children: ReactNode }) {
  await requireStaff("finance.view", "/admin/finance");
  const flaggedCount = await countFlaggedOrders();
  return (
    <div>
      <FinanceTabs flaggedCount={flaggedCount} />
      {children}
    </div>
  );
}
