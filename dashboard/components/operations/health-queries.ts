"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { unwrap } from "@/lib/errors";
import { api } from "@/lib/api";
import type { HealthRun, RunFilters } from "@/lib/operations-types";

const UNFINISHED = new Set(["queued", "running"]);

export function isUnfinished(run: Pick<HealthRun, "state">): boolean {
  return UNFINISHED.has(run.state);
}

/** The newest runs, for the overview's score card. */
export function useLatestRuns() {
  return useQuery({
    queryKey: ["health-runs", "latest"],
    queryFn: async () => unwrap(await api.GET("/v1/ai/health/runs", { params: { query: { limit: 5 } } })),
  });
}

export function useRuns(filters: Pick<RunFilters, "min_score" | "max_score" | "outcome" | "critical_only">) {
  return useInfiniteQuery({
    queryKey: ["health-runs", filters],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/v1/ai/health/runs", { params: { query: { ...filters, limit: 20, cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}

export function useRun(runId: string) {
  return useQuery({
    queryKey: ["health-run", runId],
    queryFn: async () =>
      unwrap(await api.GET("/v1/ai/health/runs/{run_id}", { params: { path: { run_id: runId } } })),
  });
}

export function useStartRun(onStarted: (run: HealthRun) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST("/v1/ai/health/runs")),
    onSuccess: async (run) => {
      client.setQueryData(["health-run", run.id], run);
      onStarted(run);
      await client.invalidateQueries({ queryKey: ["health-runs"] });
    },
  });
}
