"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { describe, unwrap } from "@/lib/errors";
import { api } from "@/lib/api";
import type { Alert, AlertFilters } from "@/lib/operations-types";

/** Open alerts for the overview: one page is plenty, the count comes with it. */
export function useOpenAlerts() {
  return useQuery({
    queryKey: ["alerts", "open-summary"],
    queryFn: async () => unwrap(await api.GET("/v1/alerts", { params: { query: { state: "open", limit: 100, include_total: true } } })),
  });
}

export function useAlerts(filters: Pick<AlertFilters, "state" | "severity">) {
  return useInfiniteQuery({
    queryKey: ["alerts", filters],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/v1/alerts", { params: { query: { ...filters, limit: 50, cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}

export type AlertAction = { alert: Alert; kind: "acknowledge" } | { alert: Alert; kind: "silence"; minutes: number };

/** Acknowledge or silence; the answer replaces the alert in the cache, the lists are fetched again. */
export function useAlertAction(onDone: (text: string, ok: boolean) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: AlertAction) => {
      const params = { path: { alert_id: action.alert.id } };
      return action.kind === "acknowledge"
        ? unwrap(await api.POST("/v1/alerts/{alert_id}/acknowledge", { params }))
        : unwrap(await api.POST("/v1/alerts/{alert_id}/silence", { params, body: { minutes: action.minutes } }));
    },
    onSuccess: async (alert, action) => {
      client.setQueryData(["alert", alert.id], alert);
      onDone(action.kind === "acknowledge" ? `Acknowledged: ${action.alert.title}` : `Silenced for ${duration(action.minutes)}: ${action.alert.title}`, true);
      await client.invalidateQueries({ queryKey: ["alerts"] });
    },
    onError: (error: unknown) => onDone(describe(error), false),
  });
}

export const SILENCE_CHOICES = [15, 60, 240, 1440] as const;

export function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}
