// What the live charts draw: each chart's series, chosen from the snapshot's flat metrics, and
// their points merged into one row per instant (the shape recharts takes).
import type { SeriesPoint, Snapshot } from "@/lib/operations-types";

export type ChartFormat = "count" | "percent";
export type LineSpec = { metric: string; name: string };
export type ChartSpec = { id: string; title: string; format: ChartFormat; lines: LineSpec[] };
export type ChartRow = { at: number } & Record<string, number>;

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replaceAll("_", " ");

function matching(metrics: Record<string, number>, pattern: RegExp): LineSpec[] {
  return Object.keys(metrics)
    .sort()
    .flatMap((metric) => {
      const match = pattern.exec(metric);
      return match?.[1] ? [{ metric, name: capital(match[1]) }] : [];
    });
}

/** The overview's four charts, with a line for every queue and publication state the snapshot
 * names (they differ from one instance to the next). */
export function chartSpecs(snapshot: Pick<Snapshot, "metrics" | "queues">): ChartSpec[] {
  const { metrics } = snapshot;
  const queues = snapshot.queues.length
    ? snapshot.queues.map((q) => ({ metric: `queue.${q.name}.depth`, name: capital(q.name) }))
    : matching(metrics, /^queue\.(.+)\.depth$/);
  const jobs = ["running", "queued", "pending"]
    .filter((state) => `jobs.${state}` in metrics)
    .map((state) => ({ metric: `jobs.${state}`, name: capital(state) }));
  return [
    { id: "queues", title: "Queue depth", format: "count", lines: queues },
    { id: "jobs", title: "Jobs", format: "count", lines: jobs.length ? jobs : [{ metric: "jobs.running", name: "Running" }] },
    { id: "publications", title: "Publications", format: "count", lines: matching(metrics, /^publications\.([a-z_]+)$/) },
    { id: "failures", title: "Failure rate (5 min)", format: "percent", lines: [{ metric: "jobs.failure_rate.5m", name: "Failed" }] },
  ];
}

/** One row per instant any line has a point at, in time order. */
export function mergeSeries(lines: { key: string; points: SeriesPoint[] }[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const line of lines) {
    for (const point of line.points) {
      const at = Date.parse(point.at);
      const row = rows.get(at) ?? ({ at } as ChartRow);
      row[line.key] = point.value;
      rows.set(at, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.at - b.at);
}

export function formatValue(value: number, format: ChartFormat): string {
  return format === "percent" ? `${(value * 100).toFixed(1)} %` : String(Math.round(value * 100) / 100);
}
