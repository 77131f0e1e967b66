"use client";

// The workers the collector knows of: telemetry.snapshot events replace the cached list
// (lib/telemetry.ts), so "last seen" and what each runs follow without polling.
import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Empty, QueryState } from "@/components/ui/states";
import { jobTypeName } from "@/components/jobs/job-row";
import type { ActiveTask, WorkerStatus } from "@/lib/operations-types";
import { timeAgo } from "@/lib/utils";
import { useWorkers } from "./queries";

const ORDER: Record<WorkerStatus["state"], number> = { missing: 0, alive: 1, stopped: 2 };
const TASK_NAMES: Record<string, string> = {
  "workers.tasks.media.process": "media.process",
  "workers.tasks.media.analyze": "media.analyze",
  "workers.tasks.media.render_variant": "media.render_variant",
};

/** Missing first (someone should look), then alive, then stopped; by name within each. */
export function sortWorkers(workers: WorkerStatus[]): WorkerStatus[] {
  return [...workers].sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.name.localeCompare(b.name));
}

function taskName(task: string): string {
  return jobTypeName(TASK_NAMES[task] ?? task.split(".").slice(-2).join("."));
}

function Active({ tasks }: { tasks: ActiveTask[] }) {
  if (tasks.length === 0) return <span className="text-slate-600">Idle</span>;
  return (
    <ul className="flex flex-col gap-0.5">
      {tasks.map((task, index) => (
        <li key={task.task_id ?? index}>
          {task.job_id ? (
            <Link href="/jobs?state=running" className="text-brand-700 underline" title={`Job ${task.job_id}`}>
              {taskName(task.task)}
            </Link>
          ) : (
            <span className="text-slate-800">{taskName(task.task)}</span>
          )}
          {task.started_at ? <span className="text-xs text-slate-600"> · since {timeAgo(task.started_at)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Counts({ workers }: { workers: WorkerStatus[] }) {
  const states: WorkerStatus["state"][] = ["alive", "missing", "stopped"];
  return (
    <ul className="mb-4 flex flex-wrap gap-4" aria-label="Workers by state">
      {states.map((state) => (
        <li key={state}>
          <Card className="flex items-center gap-2 px-4 py-2 text-sm">
            <StateBadge state={state} />
            <span className="text-lg font-semibold tabular-nums text-slate-900" data-testid={`workers-${state}`}>
              {workers.filter((w) => w.state === state).length}
            </span>
          </Card>
        </li>
      ))}
    </ul>
  );
}

function Table({ workers }: { workers: WorkerStatus[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
      <table className="w-full text-sm">
        <caption className="sr-only">Workers, missing ones first</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-2 pr-3 font-medium">Worker</th>
            <th scope="col" className="py-2 pr-3 font-medium">State</th>
            <th scope="col" className="py-2 pr-3 font-medium">Queues</th>
            <th scope="col" className="py-2 pr-3 font-medium">Concurrency</th>
            <th scope="col" className="py-2 pr-3 font-medium">Last seen</th>
            <th scope="col" className="py-2 pr-3 font-medium">Processed</th>
            <th scope="col" className="py-2 font-medium">Running now</th>
          </tr>
        </thead>
        <tbody>
          {sortWorkers(workers).map((worker) => (
            <tr key={worker.name} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-900">
                {worker.name}
                <span className="block text-xs font-normal text-slate-600">
                  {worker.hostname} · pid {worker.pid} · up since {timeAgo(worker.started_at)}
                </span>
              </th>
              <td className="py-2 pr-3">
                <StateBadge state={worker.state} />
              </td>
              <td className="py-2 pr-3 text-slate-800">{worker.queues.join(", ") || "—"}</td>
              <td className="py-2 pr-3 tabular-nums text-slate-800">{worker.concurrency}</td>
              <td className="py-2 pr-3 text-slate-800">
                <time dateTime={worker.seen_at} title={new Date(worker.seen_at).toLocaleString()}>
                  {timeAgo(worker.seen_at)}
                </time>
              </td>
              <td className="py-2 pr-3 tabular-nums text-slate-800">{worker.processed.toLocaleString()}</td>
              <td className="py-2">
                <Active tasks={worker.active} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WorkersView() {
  const workers = useWorkers();
  return (
    <>
      <PageHeader title="Workers" description="The processes that run the jobs: which are alive, what they take and what they run now." />
      <QueryState
        query={workers}
        empty={(list) =>
          list.length === 0 ? <Empty title="No worker has reported yet">Workers show up here within seconds of starting.</Empty> : null
        }
      >
        {(list) => (
          <>
            <Counts workers={list} />
            <Table workers={list} />
          </>
        )}
      </QueryState>
    </>
  );
}
