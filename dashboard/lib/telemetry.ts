// What the telemetry events do to the cache: a snapshot every ~10 s moves the live charts (points
// appended to the cached series, no refetch) and has the snapshot and workers fetched again (the
// event carries only the numbers); the AI health worker's answer streams in token by token.
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { StreamEvent } from "@/lib/events";
import type { Series, SeriesPoint } from "@/lib/operations-types";

/** How far back the live charts reach. */
export const WINDOW_MS = 60 * 60 * 1000;
/** The series' step: a minute a point over the hour. */
export const STEP_SECONDS = 60;

export const snapshotKey = ["telemetry", "snapshot"] as const;
export const workersKey = ["telemetry", "workers"] as const;
export const seriesKey = (metric: string): QueryKey => ["telemetry", "series", metric];
export const streamKey = (runId: string): QueryKey => ["health-stream", runId];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The flat metrics an event carries: the snapshot's `metrics`, or the data itself when the
 * server sends only the metrics. */
export function eventMetrics(event: StreamEvent): Record<string, number> {
  const data = event.data ?? {};
  const source = isRecord(data.metrics) ? data.metrics : data;
  const metrics: Record<string, number> = {};
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === "number" && Number.isFinite(value)) metrics[name] = value;
  }
  return metrics;
}

export function eventTime(event: StreamEvent): string {
  const taken = event.data?.taken_at;
  return typeof taken === "string" && taken ? taken : event.at;
}

/** The points after one more: in time order, one per instant, none older than the window. */
export function appendPoint(points: SeriesPoint[], point: SeriesPoint, windowMs = WINDOW_MS): SeriesPoint[] {
  const at = Date.parse(point.at);
  const last = points[points.length - 1];
  if (last && Date.parse(last.at) > at) return points; // a replayed, older snapshot
  const kept = last && Date.parse(last.at) === at ? points.slice(0, -1) : points;
  return [...kept.filter((p) => Date.parse(p.at) >= at - windowMs), point];
}

/** A snapshot event: points appended to every cached series it has a value for; the snapshot
 * and the workers, which it does not carry, fetched again where they are on screen. */
export function applyTelemetry(client: QueryClient, event: StreamEvent): void {
  const at = eventTime(event);
  for (const [metric, value] of Object.entries(eventMetrics(event))) {
    client.setQueryData<Series>(seriesKey(metric), (old) => (old ? { ...old, points: appendPoint(old.points, { at, value }) } : old));
  }
  void client.invalidateQueries({ queryKey: snapshotKey });
  void client.invalidateQueries({ queryKey: workersKey });
}

// --- the AI health worker's answer, as it streams ---------------------------------------------

export type Chunk = { id: string; seq: number | null; text: string; restart: boolean };
export type TokenStream = { chunks: Chunk[]; text: string };
export const EMPTY_STREAM: TokenStream = { chunks: [], text: "" };

/** Event ids are "<ms>-<n>": compared as numbers, they say which came first. */
export function compareEventIds(a: string, b: string): number {
  const [am = 0, an = 0] = a.split("-").map(Number);
  const [bm = 0, bn = 0] = b.split("-").map(Number);
  return am - bm || an - bn;
}

function byOrder(a: Chunk, b: Chunk): number {
  if (a.seq !== null && b.seq !== null && a.seq !== b.seq) return a.seq - b.seq;
  return compareEventIds(a.id, b.id);
}

/** The answer after one more chunk: in the order the model wrote it (its sequence number when
 * the server sends one, else the event's id), each chunk once even when a reconnect replays it.
 * `restart` voids what came before it (the provider failed mid-answer, or it is being repaired). */
export function addToken(stream: TokenStream, event: StreamEvent): TokenStream {
  const text = typeof event.data?.text === "string" ? event.data.text : "";
  const restart = event.data?.restart === true;
  if ((!text && !restart) || stream.chunks.some((chunk) => chunk.id === event.id)) return stream;
  const raw = event.data?.seq ?? event.data?.index;
  const chunk: Chunk = { id: event.id, seq: typeof raw === "number" ? raw : null, text, restart };
  const chunks = [...stream.chunks, chunk].sort(byOrder);
  const last = chunks.findLastIndex((c) => c.restart);
  return { chunks, text: chunks.slice(Math.max(0, last)).map((c) => c.text).join("") };
}

export function applyToken(client: QueryClient, event: StreamEvent): void {
  if (!event.subject_id) return;
  client.setQueryData<TokenStream>(streamKey(event.subject_id), (old) => addToken(old ?? EMPTY_STREAM, event));
}
