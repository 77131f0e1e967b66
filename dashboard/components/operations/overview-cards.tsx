"use client";

import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { QueryState } from "@/components/ui/states";
import type { Alert, HealthRun } from "@/lib/operations-types";
import { timeAgo } from "@/lib/utils";
import { useOpenAlerts } from "./alert-queries";
import { isUnfinished, useLatestRuns } from "./health-queries";
import { ScoreBadge } from "./score";
import { SEVERITIES, SeverityBadge, severityRank } from "./severity";

const TOP = 3;

/** The open alerts that matter most first: by severity, then the most recently seen. */
export function topAlerts(alerts: Alert[], count = TOP): Alert[] {
  return [...alerts]
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || Date.parse(b.last_seen_at) - Date.parse(a.last_seen_at))
    .slice(0, count);
}

function OpenAlerts({ alerts, total }: { alerts: Alert[]; total: number }) {
  if (total === 0) return <p className="text-sm text-slate-700">No open alerts. All quiet.</p>;
  const counts = SEVERITIES.map((severity) => [severity, alerts.filter((a) => a.severity === severity).length] as const);
  return (
    <>
      <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="open-alerts-total">
        {total}
      </p>
      <ul className="mt-1 flex flex-wrap gap-2" aria-label="Open alerts by severity">
        {counts.map(([severity, count]) => (
          <li key={severity} className="flex items-center gap-1 text-sm tabular-nums text-slate-700">
            <SeverityBadge severity={severity} />
            {count}
          </li>
        ))}
      </ul>
      <ul className="mt-3 divide-y divide-slate-100" aria-label="Most pressing open alerts">
        {topAlerts(alerts).map((alert) => (
          <li key={alert.id} className="flex items-start justify-between gap-3 py-1.5 text-sm">
            <span className="flex items-center gap-2 text-slate-800">
              <SeverityBadge severity={alert.severity} />
              {alert.title}
            </span>
            <time dateTime={alert.last_seen_at} className="shrink-0 text-xs text-slate-600">
              {timeAgo(alert.last_seen_at)}
            </time>
          </li>
        ))}
      </ul>
    </>
  );
}

export function OpenAlertsCard() {
  const alerts = useOpenAlerts();
  return (
    <Card role="group" aria-labelledby="open-alerts-heading" className="flex flex-col gap-2">
      <CardTitle id="open-alerts-heading">
        <Link href="/alerts" className="hover:underline">
          Open alerts
        </Link>
      </CardTitle>
      <QueryState query={alerts}>{(page) => <OpenAlerts alerts={page.items} total={page.total ?? page.items.length} />}</QueryState>
    </Card>
  );
}

function LatestScore({ runs }: { runs: HealthRun[] }) {
  const scored = runs.find((run) => run.score !== null);
  const checking = runs[0] && isUnfinished(runs[0]) ? runs[0] : null;
  if (!scored && !checking) return <p className="text-sm text-slate-700">No health check yet.</p>;
  return (
    <>
      {scored ? (
        <div className="flex items-center gap-3">
          <ScoreBadge score={scored.score} large />
          <div className="text-sm text-slate-700">
            <p>
              {scored.outcome === "deterministic" ? "Rule-based analysis" : `By ${scored.model ?? "the model"}`}
              {scored.critical ? <span className="ml-2 font-medium text-red-800">Critical</span> : null}
            </p>
            <p className="text-xs text-slate-600">
              <time dateTime={scored.finished_at ?? scored.created_at}>{timeAgo(scored.finished_at ?? scored.created_at)}</time> ·{" "}
              <Link href={`/health/detail?id=${scored.id}`} className="text-brand-700 underline">
                Report
              </Link>
            </p>
          </div>
        </div>
      ) : null}
      {checking ? (
        <p className="flex items-center gap-2 text-sm text-slate-700">
          A check is under way <StateBadge state={checking.state} />
        </p>
      ) : null}
    </>
  );
}

export function HealthScoreCard() {
  const runs = useLatestRuns();
  return (
    <Card role="group" aria-labelledby="health-score-heading" className="flex flex-col gap-2">
      <CardTitle id="health-score-heading">
        <Link href="/health" className="hover:underline">
          Health score
        </Link>
      </CardTitle>
      <QueryState query={runs}>{(page) => <LatestScore runs={page.items} />}</QueryState>
    </Card>
  );
}
