"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { describe } from "@/lib/errors";
import type { HealthRun, RunFilters } from "@/lib/operations-types";
import { useSession } from "@/lib/session";
import { timeAgo } from "@/lib/utils";
import { isUnfinished, useRuns, useStartRun } from "./health-queries";
import { LiveRun } from "./live-run";
import { ScoreBadge } from "./score";

type Filters = Pick<RunFilters, "min_score" | "max_score" | "outcome" | "critical_only">;
const control = "h-10 rounded-md border border-slate-300 bg-white px-3 text-sm";

/** The form's words as filters: blanks dropped, scores kept within 0–100. */
export function toFilters(form: { min: string; max: string; outcome: string; critical: boolean }): Filters {
  const score = (text: string) => (text.trim() === "" || Number.isNaN(Number(text)) ? undefined : Math.min(100, Math.max(0, Number(text))));
  return {
    min_score: score(form.min),
    max_score: score(form.max),
    outcome: form.outcome === "model" || form.outcome === "deterministic" ? form.outcome : undefined,
    critical_only: form.critical ? true : undefined,
  };
}

function FilterForm({ onApply }: { onApply: (filters: Filters) => void }) {
  const [form, setForm] = useState({ min: "", max: "", outcome: "", critical: false });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(toFilters(form));
  };
  return (
    <form aria-label="Filter health checks" className="mb-4 flex flex-wrap items-end gap-3" onSubmit={submit}>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Score from
        <input type="number" min={0} max={100} className={`${control} w-24`} value={form.min} onChange={(e) => setForm({ ...form, min: e.target.value })} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Score to
        <input type="number" min={0} max={100} className={`${control} w-24`} value={form.max} onChange={(e) => setForm({ ...form, max: e.target.value })} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Analysis
        <select className={control} value={form.outcome} onChange={(e) => setForm({ ...form, outcome: e.target.value })}>
          <option value="">Any</option>
          <option value="model">By the model</option>
          <option value="deterministic">Rule-based</option>
        </select>
      </label>
      <label className="flex h-10 items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" className="h-4 w-4" checked={form.critical} onChange={(e) => setForm({ ...form, critical: e.target.checked })} />
        Critical only
      </label>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}

function RunRow({ run }: { run: HealthRun }) {
  return (
    <tr className="border-b border-slate-100 align-top">
      <th scope="row" className="py-2 pr-3 text-left font-normal text-slate-800">
        <Link href={`/health/detail?id=${run.id}`} className="font-medium text-brand-700 underline">
          <time dateTime={run.created_at}>{new Date(run.created_at).toLocaleString()}</time>
        </Link>
        <span className="block text-xs text-slate-600">{run.trigger === "manual" ? "Asked for" : "Scheduled"}</span>
      </th>
      <td className="py-2 pr-3">
        <StateBadge state={run.state} />
      </td>
      <td className="py-2 pr-3">
        <ScoreBadge score={run.score} />
        {run.critical ? <span className="ml-2 text-xs font-medium text-red-800">Critical</span> : null}
      </td>
      <td className="py-2 pr-3 text-slate-800">
        {run.outcome === "deterministic" ? "Rule-based" : run.outcome === "model" ? (run.model ?? "Model") : "—"}
      </td>
      <td className="py-2 text-slate-700">{run.finished_at ? timeAgo(run.finished_at) : "—"}</td>
    </tr>
  );
}

export function HealthBrowser() {
  const { can } = useSession();
  const [filters, setFilters] = useState<Filters>({});
  const [started, setStarted] = useState<string | null>(null);
  const runs = useRuns(filters);
  const start = useStartRun((run) => setStarted(run.id));
  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];
  // A check someone else (or the schedule) started shows live too.
  const live = started ?? items.find(isUnfinished)?.id ?? null;
  const canRun = can("telemetry:manage");

  return (
    <>
      <PageHeader
        title="AI health"
        description="An analysis of the telemetry: a score, what was found, the likely causes and what to do."
        actions={
          <div className="flex flex-col items-end gap-1">
            <Button onClick={() => start.mutate()} disabled={!canRun || start.isPending} aria-describedby={canRun ? undefined : "run-reason"}>
              {start.isPending ? "Starting…" : "Run a health check"}
            </Button>
            {canRun ? null : (
              <p id="run-reason" className="text-xs text-slate-600">
                Only admins can ask for a health check.
              </p>
            )}
          </div>
        }
      />
      {start.isError ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {describe(start.error)}
        </p>
      ) : null}
      {live ? <LiveRun key={live} runId={live} /> : null}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-base font-semibold text-slate-900">
          History
        </h2>
        <FilterForm onApply={setFilters} />
        {runs.isPending ? (
          <Loading label="Loading health checks…" />
        ) : runs.isError && items.length === 0 ? (
          <ErrorState error={runs.error} retry={() => void runs.refetch()} />
        ) : items.length === 0 ? (
          <Empty title="No health checks here">Checks run on a schedule; an admin can run one now.</Empty>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
            <table className="w-full text-sm">
              <caption className="sr-only">Health checks, newest first</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-2 pr-3 font-medium">Started</th>
                  <th scope="col" className="py-2 pr-3 font-medium">State</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Score</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Analysis</th>
                  <th scope="col" className="py-2 font-medium">Finished</th>
                </tr>
              </thead>
              <tbody>
                {items.map((run) => (
                  <RunRow key={run.id} run={run} />
                ))}
              </tbody>
            </table>
            {runs.hasNextPage ? (
              <div className="mt-4 flex justify-center">
                <Button variant="secondary" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
                  {runs.isFetchingNextPage ? "Loading…" : "Load more checks"}
                </Button>
              </div>
            ) : null}
          </div>
        )}
      </section>
    </>
  );
}
