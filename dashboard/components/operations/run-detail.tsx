"use client";

// One health check's report. Every hypothesis cites findings by id ("E1"): each id links to the
// finding's anchor on the same page, so a reader can check what a claim stands on.
import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/states";
import type { Finding, RunDetail as Run } from "@/lib/operations-types";
import { causeName, fallbackText, findingAnchor, formatCost } from "./health-text";
import { isUnfinished, useRun } from "./health-queries";
import { LiveRun } from "./live-run";
import { ScoreBadge } from "./score";
import { SeverityBadge } from "./severity";

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
            <SeverityBadge severity={finding.severity} />
            <span className="font-medium text-slate-900">{finding.title}</span>
          </p>
          <p className="mt-1 text-xs text-slate-600">
            {causeName(finding.cause)}
            {finding.count > 1 ? ` · seen ${finding.count} times` : ""}
          </p>
          {finding.facts.length ? (
            <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-800" aria-label={`Facts of ${finding.id}`}>
              {finding.facts.map((fact, index) => (
                <li key={index} className="break-words">
                  {fact}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The evidence ids a claim cites, each a link to its finding. */
function Evidence({ ids, findings }: { ids: string[] | undefined; findings: Finding[] }) {
  if (!ids?.length) return null;
  return (
    <ul className="mt-1.5 flex flex-wrap gap-1.5" aria-label="Evidence">
      {ids.map((id) => {
        const finding = findings.find((f) => f.id === id);
        return (
          <li key={id}>
            <a
              href={`#${findingAnchor(id)}`}
              className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-brand-700 underline"
              title={finding?.title}
            >
              {id}
              {finding ? <span className="sr-only">: {finding.title}</span> : null}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function Meta({ run }: { run: Run }) {
  const rows: [string, string][] = [
    ["Analysis", run.outcome === "deterministic" ? "Rule-based" : run.outcome === "model" ? "By the model" : "—"],
    ["Provider", run.provider ?? "—"],
    ["Model", run.model ?? "—"],
    ["Tokens", `${run.tokens_in.toLocaleString("en")} in · ${run.tokens_out.toLocaleString("en")} out`],
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

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <Card role="region" aria-label={title} className={className}>
      <CardTitle className="mb-2">{title}</CardTitle>
      {children}
    </Card>
  );
}

export function Report({ run }: { run: Run }) {
  const answer = run.answer;
  return (
    <>
      <div className="mb-6 grid gap-4 md:grid-cols-[1fr_2fr]">
        <Section title="Score">
          <div className="flex items-center gap-3">
            <ScoreBadge score={run.score} large />
            {run.critical ? <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900">Critical</span> : null}
          </div>
          {run.outcome === "deterministic" ? (
            <p className="mt-3 text-sm text-slate-700">
              <span className="font-medium">Why rule-based: </span>
              {fallbackText(run.fallback_reason)}
            </p>
          ) : null}
          {run.error ? <p className="mt-3 text-sm text-red-800">{run.error}</p> : null}
        </Section>
        <Section title="How it was analysed">
          <Meta run={run} />
        </Section>
      </div>
      {answer?.summary ? (
        <Section title="Summary" className="mb-6">
          <p className="whitespace-pre-wrap text-sm text-slate-800">{answer.summary}</p>
        </Section>
      ) : null}
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <Section title="Findings">
          <Findings findings={run.findings} />
        </Section>
        <Section title="Hypotheses">
          {!answer?.hypotheses.length ? (
            <p className="text-sm text-slate-700">No hypothesis.</p>
          ) : (
            <ol className="flex flex-col gap-2">
              {answer.hypotheses.map((hypothesis, index) => (
                <li key={index} className="rounded-md border border-slate-200 p-3 text-sm text-slate-800">
                  {hypothesis.statement}
                  <span className="block text-xs text-slate-600">
                    {causeName(hypothesis.cause)} · {hypothesis.confidence} confidence
                  </span>
                  <Evidence ids={hypothesis.evidence} findings={run.findings} />
                </li>
              ))}
            </ol>
          )}
        </Section>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {answer?.recommendations.length ? (
          <Section title="Recommendations">
            <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-800">
              {answer.recommendations.map((item, index) => (
                <li key={index}>
                  {item.action}
                  {item.reason ? <span className="block text-xs text-slate-600">{item.reason}</span> : null}
                  <Evidence ids={item.evidence} findings={run.findings} />
                </li>
              ))}
            </ol>
          </Section>
        ) : null}
        {answer?.plan.length ? (
          <Section title="Action plan">
            <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-800">
              {answer.plan.map((step, index) => (
                <li key={index}>
                  {step.action}
                  <Evidence ids={step.evidence} findings={run.findings} />
                </li>
              ))}
            </ol>
          </Section>
        ) : null}
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
      <QueryState query={run}>{(data) => (isUnfinished(data) ? <LiveRun runId={data.id} /> : <Report run={data} />)}</QueryState>
    </>
  );
}
