"use client";

import type { Schemas } from "@stakazo/api-client";
import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress";
import { formatSeconds, timeAgo } from "@/lib/utils";
import { canCancel, canRetry } from "./retry";

type Job = Schemas["JobOut"];

export const JOB_TYPES: Record<string, string> = {
  "media.process": "Process video",
  "media.analyze": "Analyse video",
  "media.render_variant": "Render variant",
  "ledger.audit": "Audit ledger",
};

export function jobTypeName(type: string): string {
  return JOB_TYPES[type] ?? type;
}

/** How long it ran (or has been running), as m:ss; "—" before it starts. */
export function jobDuration(job: Pick<Job, "started_at" | "finished_at">, now = Date.now()): string {
  if (!job.started_at) return "—";
  const end = job.finished_at ? new Date(job.finished_at).getTime() : now;
  return formatSeconds(Math.max(0, (end - new Date(job.started_at).getTime()) / 1000));
}

export function JobRow({
  job,
  canWrite,
  busy,
  onCancel,
  onRetry,
}: {
  job: Job;
  canWrite: boolean;
  busy?: boolean;
  onCancel: (job: Job) => void;
  onRetry: (job: Job) => void;
}) {
  const name = jobTypeName(job.type);
  return (
    <tr className="border-b border-slate-100 align-top">
      <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-900">
        {name}
        <span className="block text-xs font-normal text-slate-600">{job.type}</span>
      </th>
      <td className="py-2 pr-3">
        {job.clip_id ? (
          <Link className="text-brand-700 underline" href={`/clips/detail?id=${job.clip_id}`}>
            Clip
          </Link>
        ) : job.asset_id ? (
          <Link className="text-brand-700 underline" href={`/videos/detail?id=${job.asset_id}`}>
            Video
          </Link>
        ) : (
          <span className="text-slate-600">Workspace</span>
        )}
      </td>
      <td className="py-2 pr-3">
        <div className="flex min-w-36 flex-col gap-1">
          <StateBadge state={job.state} className="self-start" />
          {job.state === "running" || job.state === "pending" ? (
            <>
              <ProgressBar value={job.progress} label={`${name} progress`} />
              <span className="text-xs text-slate-600">{job.state === "pending" ? "Waiting for a worker" : `${job.progress}%`}</span>
            </>
          ) : null}
          {job.error ? (
            <span className="text-xs text-red-700">{job.error}</span>
          ) : null}
        </div>
      </td>
      <td className="py-2 pr-3 text-slate-800">
        <time dateTime={job.started_at ?? undefined} title={job.started_at ?? undefined}>
          {job.started_at ? timeAgo(job.started_at) : "Not started"}
        </time>
      </td>
      <td className="py-2 pr-3 text-slate-800">
        <time dateTime={job.finished_at ?? undefined} title={job.finished_at ?? undefined}>
          {job.finished_at ? timeAgo(job.finished_at) : "—"}
        </time>
      </td>
      <td className="py-2 pr-3 tabular-nums text-slate-800">{jobDuration(job)}</td>
      <td className="py-2 text-right">
        {canWrite && canCancel(job) ? (
          <Button size="sm" variant="secondary" disabled={busy} onClick={() => onCancel(job)} aria-label={`Cancel ${name}`}>
            Cancel
          </Button>
        ) : null}
        {canWrite && canRetry(job) ? (
          <Button size="sm" variant="secondary" disabled={busy} onClick={() => onRetry(job)} aria-label={`Retry ${name}`}>
            Retry
          </Button>
        ) : null}
      </td>
    </tr>
  );
}
