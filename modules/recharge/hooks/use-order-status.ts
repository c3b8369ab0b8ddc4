"use client";
// TanStack Query for the order page: polls GET /api/payments/orders/<orderNo> until the order
// is credited, closed or under review (the server asks the gateway itself when the order is
// stale, so a lost notification still ends in "credited").
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { isFinalDisplayState, type OrderStatusDto, pollIntervalMs } from "@/modules/recharge/components/recharge-view";
import { wallMs } from "@/lib/clock";

/** Query keys of the recharge domain. */
export const rechargeKeys = {
  all: ["recharge"] as const,
  order: (orderNo: string) => [...rechargeKeys.all, "order", orderNo] as const,
};

export class OrderStatusError extends Error {
  constructor(readonly status: number) {
    super(`order status: HTTP ${status}`);
  }
}

export async function fetchOrderStatus(orderNo: string): Promise<OrderStatusDto> {
  const res = await fetch(`/api/payments/orders/${encodeURIComponent(orderNo)}`, { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw new OrderStatusError(res.status);
  return (await res.json()) as OrderStatusDto;
}

export function useOrderStatus(initial: OrderStatusDto) {
  const [startedAt] = useState(() => wallMs());
  return useQuery({
    queryKey: rechargeKeys.order(initial.orderNo),
    queryFn: () => fetchOrderStatus(initial.orderNo),
    initialData: initial,
    initialDataUpdatedAt: startedAt,
    staleTime: 1_000,
    retry: (count, error) => !(error instanceof OrderStatusError && (error.status === 401 || error.status === 404)) && count < 2,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (data && isFinalDisplayState(data.displayState)) return false;
      const error = query.state.error;
      if (error instanceof OrderStatusError && (error.status === 401 || error.status === 404)) return false;
      return pollIntervalMs(wallMs() - startedAt);
    },
    // A phone that locks its screen stops polling; focus brings the order up to date again.
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}
