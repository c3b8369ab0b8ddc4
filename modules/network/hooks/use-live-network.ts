"use client";
// TanStack Query for what on /network must refresh by itself: the sessions online now and the
// speed explanation (a CoA can throttle a student mid-session). The server renders the first
// value; the query keeps it fresh.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { actionData } from "@/lib/use-safe-action";
import { liveNetworkAction } from "@/modules/network/actions";
import type { LiveNetworkDto } from "@/modules/network/components/network-view";

/** Query keys of the network domain. */
export const networkKeys = {
  all: ["network"] as const,
  live: () => [...networkKeys.all, "live"] as const,
};

export const LIVE_REFRESH_MS = 10_000;

function fetchLiveNetwork(): Promise<LiveNetworkDto> {
  return actionData(liveNetworkAction(), "live network query failed");
}

export function useLiveNetwork(initialData: LiveNetworkDto) {
  return useQuery({
    queryKey: networkKeys.live(),
    queryFn: fetchLiveNetwork,
    initialData,
    initialDataUpdatedAt: () => Date.parse(initialData.at),
    staleTime: 5_000,
    refetchInterval: LIVE_REFRESH_MS,
    // A hidden tab does not poll; focusing it refreshes at once.
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}

/** Refresh the live panel now (after taking a device offline, pausing, 挂失 …). */
export function useRefreshLiveNetwork() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: networkKeys.live() });
}
