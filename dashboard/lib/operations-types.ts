// The telemetry, alerts and AI health contract (issue 13), written by hand while its endpoints
// are built on other branches: the one place to switch to the generated `Schemas[...]` once they
// land in the OpenAPI schema. `ops` is the same client as `api`, typed with these paths.
import type { Client } from "openapi-fetch";
import { api } from "@/lib/api";

export type QueueDepth = { name: string; depth: number; consumers: number };

export type RunningJob = {
  id: string;
  type: string;
  progress: number;
  started_at: string | null;
  running_seconds: number;
  expected_seconds: number | null;
  asset_id?: string | null;
  clip_id?: string | null;
};

export type ActiveTask = { task: string; task_id?: string | null; job_id?: string | null; started_at?: string | null };

export type WorkerStatus = {
  name: string;
  hostname: string;
  pid: number;
  queues: string[];
  concurrency: number;
  state: "alive" | "missing" | "stopped";
  started_at: string;
  seen_at: string;
  processed: number;
  active: ActiveTask[];
};

export type Snapshot = {
  taken_at: string;
  scope: "instance" | "workspace";
  workspace_id: string | null;
  interval_seconds: number;
  queues: QueueDepth[];
  jobs: { by_state: Record<string, number>; by_type: Record<string, Record<string, number>> };
  running: RunningJob[];
  assets_by_state: Record<string, number>;
  clips_by_status: Record<string, number>;
  publications: { by_state: Record<string, number>; by_platform: Record<string, Record<string, number>> };
  failure_rates: { window_minutes: number; finished: number; failed: number; rate: number }[];
  durations: { type: string; count: number; p50_seconds: number; p95_seconds: number }[];
  workers: WorkerStatus[];
  accounts: unknown[];
  disk: { path: string; total_bytes: number; free_bytes: number; free_ratio: number } | null;
  webhooks: { failed_60m: number; dead: number; received_60m: number };
  ledger: { verified: boolean | null; checked_at?: string | null; detail?: string | null };
  metrics: Record<string, number>;
};

export type SeriesPoint = { at: string; value: number };
export type Series = { metric: string; points: SeriesPoint[] };

export type Severity = "critical" | "warning" | "info";
export type AlertState = "open" | "resolved";

export type Alert = {
  id: string;
  scope: string;
  workspace_id: string | null;
  rule: string;
  key: string;
  severity: Severity;
  state: AlertState;
  title: string;
  message: string;
  details: Record<string, unknown>;
  first_seen_at: string;
  last_seen_at: string;
  count: number;
  resolved_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by_id: string | null;
  silenced_until: string | null;
};

export type Finding = {
  id: string;
  severity?: string;
  cause?: string;
  title?: string;
  summary?: string;
  [fact: string]: unknown;
};

export type Hypothesis = { text?: string; cause?: string; evidence?: string[]; [more: string]: unknown };

export type HealthAnswer = {
  summary?: string;
  hypotheses?: Hypothesis[];
  recommendations?: unknown[];
  action_plan?: unknown[];
};

export type RunState = "queued" | "running" | "succeeded" | "failed";

export type HealthRun = {
  id: string;
  trigger: string;
  state: RunState;
  outcome: "model" | "deterministic" | null;
  fallback_reason: string | null;
  provider: string | null;
  model: string | null;
  score: number | null;
  critical: boolean;
  findings: Finding[];
  answer: HealthAnswer | null;
  dropped_claims: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  duration_ms: number | null;
  error?: string | null;
  created_at: string;
  finished_at: string | null;
};

export type Page<T> = { items: T[]; total?: number; next_cursor: string | null };

type Json<T> = { content: { "application/json": T } };
type Answer<T> = { responses: { 200: Json<T> } };
type Query<Q> = { parameters: { query?: Q } };
type ById = { parameters: { path: { alert_id: string } } };

export type AlertFilters = {
  state?: AlertState;
  severity?: Severity;
  rule?: string;
  silenced?: boolean;
  acknowledged?: boolean;
  limit?: number;
  cursor?: string;
};

export type RunFilters = {
  score_min?: number;
  score_max?: number;
  outcome?: "model" | "deterministic";
  since?: string;
  until?: string;
  critical?: boolean;
  limit?: number;
  cursor?: string;
};

export type OpsPaths = {
  "/v1/telemetry/snapshot": { get: Answer<Snapshot> };
  "/v1/telemetry/series": { get: Query<{ metric: string; from?: string; to?: string; step?: number }> & Answer<Series> };
  "/v1/telemetry/workers": { get: Answer<WorkerStatus[]> };
  "/v1/alerts": { get: Query<AlertFilters> & Answer<Page<Alert>> };
  "/v1/alerts/{alert_id}": { get: ById & Answer<Alert> };
  "/v1/alerts/{alert_id}/acknowledge": { post: ById & Answer<Alert> };
  "/v1/alerts/{alert_id}/silence": {
    post: ById & { requestBody: Json<{ minutes: number }> } & Answer<Alert>;
  };
  "/v1/ai/health/runs": {
    get: Query<RunFilters> & Answer<Page<HealthRun>>;
    post: { responses: { 202: Json<HealthRun> } };
  };
  "/v1/ai/health/runs/{run_id}": { get: { parameters: { path: { run_id: string } } } & Answer<HealthRun> };
};

export const ops = api as unknown as Client<OpsPaths>;
