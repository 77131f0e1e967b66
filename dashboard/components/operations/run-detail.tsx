"use client";

// One health check's report. Every hypothesis cites findings by id ("E1"): each id links to the
// finding's anchor on the same page, so a reader can check what a claim stands on.
import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/states";
import type { Finding, HealthRun } from "@/lib/operations-types";
import { evidenceOf, factsOf, findingAnchor, findingTitle, formatCost, textOf } from "./health-text";
import { useRun } from "./health-queries";
import { LiveRun } from "./live-run";
import { ScoreBadge } from "./score";
import { isSeverity, SeverityBadge } from "./severity";

function Findings({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <p className="text-sm text-slate-700">Nothing wrong was found.</p>;
  return (
    <ol className="flex flex-col gap-2">
      {findings.map((finding) => (
        <li
          key={finding.id}
          id={findingAnchor(finding.id)}
          tabIndex={-1}
          className="scroll-mt-20 rounded-md border border-slate-200 p-3 target:border-brand-600 target:ring-2 target:ring-brand-600"
        >
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="rounded bg-slate-800 px-1.5 py-0.5 font-mono text-xs text-white">{finding.id}</span>
            {isSeverity(finding.severity) ? <SeverityBadge severity={finding.severity} /> : finding.severity ? <StateBadge state={finding.severity} /> : null}
            <span className="font-medium text-slate-900">{findingTitle(finding)}</span>
          </p>
          {finding.cause && findingTitle(finding) !== finding.cause ? <p className="mt-1 text-sm text-slate-700">Cause: {finding.cause}</p> : null}
          {factsOf(finding).length ? (
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
              {factsOf(finding).map(([name, value]) => (
                <div key={name} className="contents">
                  <dt className="text-slate-600">{name}</dt>
                  <dd className="break-all font-mono text-slate-800">{value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function Evidence({ ids, findings }: { ids: string[]; findings: Finding[] }) {
  if (ids.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1.5" aria-label="Evidence">
      {ids.map((id) => {
        const finding = findings.find((f) => f.id === id);
        return (
          <li key={id}>
            <a
              href={`#${findingAnchor(id)}`}
              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-brand-700 underline"
              title={finding ? findingTitle(finding) : undefined}
              aria-label={finding ? `Evidence ${id}: ${findingTitle(finding)}` : `Evidence ${id}`}
            >
              {id}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function Steps({ title, items, findings }: { title: string; items: unknown[] | undefined; findings: Finding[] }) {
  if (!items?.length) return null;
  return (
    <Card role="region" aria-label={title}>
      <CardTitle className="mb-2">{title}</CardTitle>
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-800">
        {items.map((item, index) => (
          <li key={index}>
            {textOf(item)}
            <Evidence ids={evidenceOf(item)} findings={findings} />
          </li>
        ))}
      </ol>
    </Card>
  );
}

function Meta({ run }: { run: HealthRun }) {
  const rows: [string, string][] = [
    ["Analysis", run.outcome === "deterministic" ? "Rule-based" : run.outcome === "model" ? "By the model" : "—"],
    ["Provider", run.provider ?? "—"],
    ["Model", run.model ?? "—"],
    ["Tokens", `${run.tokens_in.toLocaleString()} in · ${run.tokens_out.toLocaleString()} out`],
    ["Cost", formatCost(run.cost_usd)],
    ["Duration", run.duration_ms === null ? "—" : `${(run.duration_ms / 1000).toFixed(1)} s`],
    ["Claims dropped", String(run.dropped_claims)],
    ["Started by", run.trigger === "manual" ? "A person" : "The schedule"],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-slate-600">{name}</dt>
          <dd className="text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Report({ run }: { run: HealthRun }) {
  const hypotheses = run.answer?.hypotheses ?? [];
  return (
    <>
      <div className="mb-6 grid gap-4 md:grid-cols-[1fr_2fr]">
        <Card role="region" aria-label="Score">
          <CardTitle className="mb-2">Score</CardTitle>
          <div className="flex items-center gap-3">
            <ScoreBadge score={run.score} large />
            {run.critical ? <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900">Critical</span> : null}
          </div>
          {run.outcome === "deterministic" ? (
            <p className="mt-3 text-sm text-slate-700">
              <span className="font-medium">Why rule-based: </span>
              {run.fallback_reason ?? "no reason was recorded."}
            </p>
          ) : null}
        </Card>
        <Card role="region" aria-label="How it was analysed">
          <CardTitle className="mb-2">How it was analysed</CardTitle>
          <Meta run={run} />
        </Card>
      </div>
      {run.answer?.summary ? (
        <Card role="region" aria-label="Summary" className="mb-6">
          <CardTitle className="mb-2">Summary</CardTitle>
          <p className="whitespace-pre-wrap text-sm text-slate-800">{run.answer.summary}</p>
        </Card>
      ) : null}
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <Card role="region" aria-label="Findings">
          <CardTitle className="mb-2">Findings</CardTitle>
          <Findings findings={run.findings} />
        </Card>
        <Card role="region" aria-label="Hypotheses">
          <CardTitle className="mb-2">Hypotheses</CardTitle>
          {hypotheses.length === 0 ? (
            <p className="text-sm text-slate-700">No hypothesis.</p>
          ) : (
            <ol className="flex flex-col gap-2">
              {hypotheses.map((hypothesis, index) => (
                <li key={index} className="rounded-md border border-slate-200 p-3 text-sm text-slate-800">
                  {textOf(hypothesis)}
                  <Evidence ids={evidenceOf(hypothesis)} findings={run.findings} />
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Steps title="Recommendations" items={run.answer?.recommendations} findings={run.findings} />
        <Steps title="Action plan" items={run.answer?.action_plan} findings={run.findings} />
      </div>
    </>
  );
}

export function RunDetail({ runId }: { runId: string }) {
  const run = useRun(runId);
  return (
    <>
      <PageHeader
        title="Health check"
        description={run.data ? `${new Date(run.data.created_at).toLocaleString()} · ${run.data.state}` : undefined}
        actions={
          <Link href="/health" className="text-sm font-medium text-brand-700 underline">
            All health checks
          </Link>
        }
      />
      <QueryState query={run}>{(data) => (data.state === "queued" || data.state === "running" ? <LiveRun runId={data.id} /> : <Report run={data} />)}</QueryState>
    </>
  );
}
