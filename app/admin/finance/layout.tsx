import type { ReactNode } from "react";
import { requireStaff } from "@/lib/auth";
import { FinanceTabs } from "@/modules/finance/components/finance-tabs";
import { listFlaggedOrders } from "@/modules/finance/service";

/**
 * The finance tabs. Each finance page checks "finance.view" itself; this layout checks too
 * because it reads the flagged-order count for its own tab, and must not read it for anyone else.
 */
export default async function FinanceLayout({ children }: { children: ReactNode }) {
  await requireStaff("finance.view", "/admin/finance");
  const flagged = await listFlaggedOrders({ take: 1 });
  return (
    <div>
      <FinanceTabs flaggedCount={flagged.total} />
      {children}
    </div>
  );
}
