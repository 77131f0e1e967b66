"use client";

import dynamic from "next/dynamic";
import { Card, CardTitle } from "@/components/ui/card";
import { Loading, QueryState } from "@/components/ui/states";
import type { Snapshot } from "@/lib/operations-types";
import { chartSpecs, formatValue, mergeSeries, type ChartSpec } from "./chart-data";
import { useSeries, useSnapshot } from "./queries";

// Recharts is large: it loads after the page, on its own.
const LiveChart = dynamic(() => import("./live-chart"), {
  ssr: false,
  loading: () => <Loading label="Loading the chart…" />,
});

function Chart({ spec }: { spec: ChartSpec }) {
  const series = useSeries(spec.lines.map((line) => line.metric));
  const headingId = `chart-${spec.id}`;
  const lines = spec.lines.map((line, index) => ({ key: line.metric, name: line.name, points: series[index]?.data?.points ?? [] }));
  const rows = mergeSeries(lines);
  const now = lines.flatMap((line) => {
    const last = line.points[line.points.length - 1];
    return last ? [{ name: line.name, value: last.value }] : [];
  });
  // Many lines (publication states) are mostly at 0: name only the others.
  const busy = now.filter((line) => line.value !== 0 || now.length <= 2);
  const latest =
    now.length === 0 ? "" : busy.length ? busy.map((line) => `${line.name} ${formatValue(line.value, spec.format)}`).join(", ") : "all at 0";
  const failed = series.find((query) => query.isError);
  return (
    <Card role="group" aria-labelledby={headingId} data-testid={headingId}>
      <CardTitle id={headingId} className="mb-1 text-sm">
        {spec.title}
      </CardTitle>
      <p className="mb-2 text-xs text-slate-600" aria-live="polite">
        {spec.lines.length === 0 ? "Nothing to chart yet." : latest ? `Now: ${latest}` : "No points in the last hour yet."}
      </p>
      {failed ? (
        <p role="alert" className="text-sm text-red-800">
          The last hour could not be loaded; new points still arrive.
        </p>
      ) : null}
      {series.some((query) => query.isPending) ? (
        <Loading label="Loading the last hour…" />
      ) : (
        <LiveChart label={`${spec.title}, the last hour`} rows={rows} lines={lines} format={spec.format} />
      )}
    </Card>
  );
}

function Charts({ snapshot }: { snapshot: Snapshot }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {chartSpecs(snapshot).map((spec) => (
        <Chart key={spec.id} spec={spec} />
      ))}
    </div>
  );
}

/** Queue depth, jobs, publications and the failure rate over the last hour, moving live. */
export function LiveCharts() {
  const snapshot = useSnapshot();
  return (
    <section aria-labelledby="live-heading" className="mb-8">
      <h2 id="live-heading" className="mb-3 text-base font-semibold text-slate-900">
        The last hour
      </h2>
      <QueryState query={snapshot}>{(data) => <Charts snapshot={data} />}</QueryState>
    </section>
  );
}
