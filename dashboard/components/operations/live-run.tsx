"use client";

// A run as it happens: its state from ai.health.state events (they invalidate ["health-run", id]),
// the model's words from ai.health.token events (appended to the cache, in order).
import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { describe } from "@/lib/errors";
import { isUnfinished, useRun } from "./health-queries";
import { useTokenStream } from "./queries";
import { ScoreBadge } from "./score";

export function LiveRun({ runId }: { runId: string }) {
  const run = useRun(runId);
  const stream = useTokenStream(runId);
  const state = run.data?.state ?? "queued";
  const working = run.data ? isUnfinished(run.data) : true;
  return (
    <Card role="region" aria-labelledby="live-run-heading" className="mb-6">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <CardTitle id="live-run-heading">Health check {working ? "in progress" : "done"}</CardTitle>
        <span role="status" className="flex items-center gap-2 text-sm text-slate-700">
          <StateBadge state={state} />
          {run.data && !working ? <ScoreBadge score={run.data.score} /> : null}
        </span>
      </div>
      {run.isError ? <p className="text-sm text-red-800">{describe(run.error)}</p> : null}
      <div
        role="log"
        aria-label="The model's reasoning"
        aria-busy={working}
        data-testid="health-stream"
        className="max-h-72 min-h-16 overflow-y-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 font-mono text-sm text-slate-800"
      >
        {stream.text || (working ? "Waiting for the model…" : "The model said nothing here (a rule-based analysis writes no text).")}
      </div>
      {run.data?.state === "failed" ? <p className="mt-2 text-sm text-red-800">The check failed{run.data.error ? `: ${run.data.error}` : "."}</p> : null}
      {run.data && !working && run.data.state === "succeeded" ? (
        <p className="mt-3 text-sm">
          <Link href={`/health/detail?id=${runId}`} className="font-medium text-brand-700 underline">
            Read the full report
          </Link>
        </p>
      ) : null}
    </Card>
  );
}
