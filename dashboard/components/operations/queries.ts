"use client";

// The telemetry queries. While the event stream is live, telemetry.snapshot events keep them
// fresh (lib/telemetry.ts); only when it is down do they poll, so the page never goes stale.
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { unwrap } from "@/lib/errors";
import { useConnectionStatus } from "@/lib/event-stream";
import { api } from "@/lib/api";
import { EMPTY_STREAM, seriesKey, snapshotKey, STEP_SECONDS, streamKey, WINDOW_MS, workersKey, type TokenStream } from "@/lib/telemetry";

const POLL_MS = 30_000;

function usePollWhenOffline(): number | false {
  return useConnectionStatus() === "live" ? false : POLL_MS;
}

export function useSnapshot(enabled = true) {
  const poll = usePollWhenOffline();
  return useQuery({
    queryKey: snapshotKey,
    queryFn: async () => unwrap(await api.GET("/v1/telemetry/snapshot")),
    refetchInterval: poll,
    staleTime: Infinity,
    enabled,
  });
}

export function useWorkers() {
  const poll = usePollWhenOffline();
  return useQuery({
    queryKey: workersKey,
    queryFn: async () => unwrap(await api.GET("/v1/telemetry/workers")).workers,
    refetchInterval: poll,
    staleTime: Infinity,
  });
}

/** The last hour of each metric; snapshot events append to them after that. */
export function useSeries(metrics: string[]) {
  const poll = usePollWhenOffline();
  return useQueries({
    queries: metrics.map((metric) => ({
      queryKey: seriesKey(metric),
      queryFn: async () => {
        const to = new Date();
        const from = new Date(to.getTime() - WINDOW_MS);
        return unwrap(
          await api.GET("/v1/telemetry/series", {
            params: { query: { metric, from: from.toISOString(), to: to.toISOString(), step: STEP_SECONDS } },
          }),
        );
      },
      refetchInterval: poll,
      staleTime: Infinity,
    })),
  });
}

/** What the model has written so far for a run: filled by ai.health.token events, never fetched. */
export function useTokenStream(runId: string): TokenStream {
  const client = useQueryClient();
  const key = streamKey(runId);
  const stream = useQuery({
    queryKey: key,
    // Refetched (a resync) it keeps what arrived: the tokens are only ever in the cache.
    queryFn: () => client.getQueryData<TokenStream>(key) ?? EMPTY_STREAM,
    staleTime: Infinity,
    gcTime: 30 * 60_000,
  });
  return stream.data ?? EMPTY_STREAM;
}
