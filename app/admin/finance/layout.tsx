import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth";
import { FinanceTabs } from "@/modules/finance/components/finance-tabs";
import { listFlaggedOrders } from "@/modules/finance/service";

/** 财务 is for finance staff (and admins); everyone else gets a 403. */
export default async function FinanceLayout({ children }: { children: ReactNode }) {
  await requirePageUser({ roles: ["FINANCE", "ADMIN"], callbackUrl: "/admin/finance" });
  const flagged = await listFlaggedOrders({ take: 1 });
  return (
    <div>
      <FinanceTabs flaggedCount={flagged.total} />
      {children}
    </div>
  );
}
