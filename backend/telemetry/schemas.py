"""The snapshot: what the collector sees at one moment. Alerts are evaluated on it, the AI health
analyzers read it, the dashboard draws it; its flat ``metrics`` feed the charts' series."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class QueueDepth(BaseModel):
    name: str
    depth: int = Field(description="Messages waiting in the broker (not yet taken by a worker).")
    consumers: int = Field(description="Live workers that take messages from this queue.")


class RunningJob(BaseModel):
    id: uuid.UUID
    type: str
    progress: int
    started_at: datetime | None
    running_seconds: float
    expected_seconds: float | None = Field(
        description="The p95 duration of this job type over the last day, when known."
    )
    asset_id: uuid.UUID | None = None
    clip_id: uuid.UUID | None = None


class FailureRate(BaseModel):
    window_minutes: int
    finished: int
    failed: int
    rate: float = Field(description="failed / finished, 0 when nothing finished.")


class Durations(BaseModel):
    type: str
    count: int
    p50_seconds: float
    p95_seconds: float


class ActiveTask(BaseModel):
    task: str
    task_id: str | None = None
    job_id: str | None = None
    started_at: datetime | None = None


class WorkerStatus(BaseModel):
    name: str
    hostname: str
    pid: int
    queues: list[str]
    concurrency: int
    state: Literal["alive", "missing", "stopped"]
    started_at: datetime
    seen_at: datetime
    processed: int
    active: list[ActiveTask]


class AccountHealth(BaseModel):
    id: uuid.UUID
    platform: str
    username: str | None
    status: str
    token_expires_at: datetime | None
    token_expires_in_days: float | None
    quota_used: int | None = None
    quota_limit: int | None = None
    quota_left: int | None = None


class Disk(BaseModel):
    path: str
    total_bytes: int
    free_bytes: int
    free_ratio: float


class WebhookHealth(BaseModel):
    """Deliveries about the scope's accounts (the instance: every delivery)."""

    failed_60m: int = Field(description="Received in the last 60 minutes and failed or dead.")
    dead: int = Field(description="Given up (dead) in the last 60 minutes.")
    received_60m: int


class LedgerHealth(BaseModel):
    verified: bool | None = Field(description="The last verification's answer; None: never run.")
    checked_at: datetime | None = None
    detail: str | None = None


class JobCounts(BaseModel):
    by_state: dict[str, int]
    by_type: dict[str, dict[str, int]] = Field(description="type -> state -> count")


class PublicationCounts(BaseModel):
    by_state: dict[str, int]
    by_platform: dict[str, dict[str, int]] = Field(description="platform -> state -> count")


class Snapshot(BaseModel):
    """``scope`` "instance": every workspace together, plus what only the instance has (queues,
    workers, disk). A workspace's snapshot carries the instance's queues, workers and disk too:
    they are the machines its work runs on."""

    taken_at: datetime
    scope: Literal["instance", "workspace"]
    workspace_id: uuid.UUID | None
    interval_seconds: float
    queues: list[QueueDepth]
    jobs: JobCounts
    running: list[RunningJob]
    assets_by_state: dict[str, int]
    clips_by_status: dict[str, int]
    publications: PublicationCounts
    failure_rates: list[FailureRate]
    durations: list[Durations]
    workers: list[WorkerStatus]
    accounts: list[AccountHealth]
    disk: Disk | None
    webhooks: WebhookHealth
    ledger: LedgerHealth
    metrics: dict[str, float] = Field(
        description="Flat numbers for charts, e.g. queue.media.depth, jobs.running, "
        "jobs.failure_rate.5m, publications.published, workers.alive."
    )


class SeriesPoint(BaseModel):
    at: datetime = Field(description="The start of the point's step.")
    value: float = Field(description="The metric's average over the snapshots in the step.")


class Series(BaseModel):
    """One metric of the workspace's snapshots over time, averaged into ``step``-second buckets;
    a bucket without a snapshot (nothing was collected) has no point."""

    metric: str
    start: datetime = Field(description="The first bucket starts here (``from``).")
    end: datetime = Field(description="Snapshots before this moment (``to``) are counted.")
    step_seconds: int
    points: list[SeriesPoint]


class MetricCatalogue(BaseModel):
    """Every name ``GET /v1/telemetry/series`` takes."""

    names: list[str]


class WorkerList(BaseModel):
    """The worker nodes and what they run. Tasks of other workspaces show their name only."""

    heartbeat_seconds: float = Field(
        description="How often a node beats; one silent for 3 beats without stopping is missing."
    )
    # Not "items": the list is never paged (a few nodes), so it is not shaped like a page.
    workers: list[WorkerStatus]
