"use client";
// TanStack Query for the /admin overview's charts: GET /api/admin/dashboard, polled every 30 s while
// the tab is visible (a hidden tab does not poll; focusing it refreshes). The top users name students
// and each read is audited, so they are fetched once on load and on demand, never on a timer.
import { keepPreviousData, useQuery } from "@tanstack/react-query";

/** Query keys of the dashboard domain. */
export const dashboardKeys = {
  all: ["dashboard"] as const,
  campus: (days: number) => [...dashboardKeys.all, "campus", days] as const,
  topUsers: () => [...dashboardKeys.all, "top-users"] as const,
};

export const DASHBOARD_REFRESH_MS = 30_000;

/** The route's JSON: bigints (bytes, fen) as strings, instants as ISO strings. */
export interface CampusDashboardDto {
  at: string;
  days: number;
  live: { onlineNow: number; sessionsNow: number; activeToday: number; throttledNow: number; unknownRadiusUsers: number };
  trafficPerDay: { day: string; uploadBytes: string; downloadBytes: string; activeUsers: number }[];
  trafficPerHour: { hour: number; uploadBytes: string; downloadBytes: string }[];
  recharges: { day: string; channel: string; orders: number; amountFen: string }[];
  packageSales: { day: string; packageCode: string; sold: number; amountFen: string }[];
  nas: { name: string; ipAddress: string; lastAccountingAt: string | null; liveSessions: number; coaSent: number; coaFailed: number }[];
}

export interface TopUsersDto {
  month: string;
  users: { studentNo: string; name: string; totalBytes: string }[];
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

export function useCampusDashboard(days: 30 | 180) {
  return useQuery({
    queryKey: dashboardKeys.campus(days),
    queryFn: () => getJson<CampusDashboardDto>(`/api/admin/dashboard?days=${days}`),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    refetchInterval: DASHBOARD_REFRESH_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

export function useTopUsers(enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.topUsers(),
    queryFn: () => getJson<TopUsersDto>("/api/admin/dashboard/top-users"),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
