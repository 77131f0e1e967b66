"use client";

// Alerts, newest first: alert.* events invalidate ["alerts"] (lib/events.ts), so the list follows
// the collector without polling. Admins acknowledge and silence; others see why they cannot.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import type { AlertState, Severity } from "@/lib/operations-types";
import { useSession } from "@/lib/session";
import { useAlertAction, useAlerts } from "./alert-queries";
import { AlertRow } from "./alert-row";
import { SEVERITIES } from "./severity";

const STATES: AlertState[] = ["open", "resolved"];
const control = "h-10 rounded-md border border-slate-300 bg-white px-3 text-sm";
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function AlertsBrowser() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { can } = useSession();
  const rawState = params.get("state");
  const rawSeverity = params.get("severity");
  // Open alerts unless asked otherwise: what needs someone now.
  const state = rawState === "any" ? undefined : STATES.includes(rawState as AlertState) ? (rawState as AlertState) : "open";
  const severity = SEVERITIES.includes(rawSeverity as Severity) ? (rawSeverity as Severity) : undefined;
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const alerts = useAlerts({ state, severity });
  const items = alerts.data?.pages.flatMap((page) => page.items) ?? [];
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const action = useAlertAction((text, ok) => setNotice({ ok, text }));

  return (
    <>
      <PageHeader title="Alerts" description="What the collector found wrong, while it lasts: workers missing, queues piling up, failures, tokens expiring." />
      <form aria-label="Filter alerts" className="mb-4 flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          State
          <select className={control} value={rawState === "any" ? "any" : (state ?? "open")} onChange={(e) => set("state", e.target.value === "open" ? "" : e.target.value)}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {capital(s)}
              </option>
            ))}
            <option value="any">Any state</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Severity
          <select className={control} value={severity ?? ""} onChange={(e) => set("severity", e.target.value)}>
            <option value="">Any severity</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {capital(s)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {notice ? (
        <p
          role={notice.ok ? "status" : "alert"}
          className={`mb-4 rounded-md border p-3 text-sm ${notice.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}
        >
          {notice.text}
        </p>
      ) : null}
      {alerts.isPending ? (
        <Loading label="Loading alerts…" />
      ) : alerts.isError && items.length === 0 ? (
        <ErrorState error={alerts.error} retry={() => void alerts.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={state === "open" ? "No open alerts" : "No alerts here"}>
          {state === "open" ? "Everything the collector watches is fine. New alerts show up here the moment they open." : "Try another filter."}
        </Empty>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
          <table className="w-full text-sm">
            <caption className="sr-only">Alerts, most recently seen first</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th scope="col" className="py-2 pr-3 font-medium">Severity</th>
                <th scope="col" className="py-2 pr-3 font-medium">Alert</th>
                <th scope="col" className="py-2 pr-3 font-medium">State</th>
                <th scope="col" className="py-2 pr-3 font-medium">Last seen</th>
                <th scope="col" className="py-2 text-right font-medium">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((alert) => (
                <AlertRow
                  key={alert.id}
                  alert={alert}
                  canManage={can("telemetry:manage")}
                  busy={action.isPending}
                  onAction={(a) => action.mutate(a)}
                />
              ))}
            </tbody>
          </table>
          {alerts.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button variant="secondary" onClick={() => void alerts.fetchNextPage()} disabled={alerts.isFetchingNextPage}>
                {alerts.isFetchingNextPage ? "Loading…" : "Load more alerts"}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </>
  );
}
