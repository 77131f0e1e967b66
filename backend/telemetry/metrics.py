"""The flat numbers of a snapshot (``metrics``), which the charts' series are drawn from, and the
catalogue of every name they can take.

Counts of known states are always present, zero included, so a series has a point for every
snapshot; a number that cannot be known at that moment (a broker that did not answer, a job type
with no recent run) is absent rather than zero.
"""

from __future__ import annotations

from typing import get_args

from backend.clips.schemas import ClipStatus
from backend.jobs.types import JOB_TYPES
from backend.models.asset import AssetState
from backend.models.job import JOB_STATES
from backend.models.publication import PUBLICATION_STATES
from backend.telemetry.schemas import Snapshot
from core.broker import QUEUES

WORKER_STATES = ("alive", "missing", "stopped")
CLIP_STATUSES: tuple[str, ...] = get_args(ClipStatus)
ASSET_STATES = tuple(state.value for state in AssetState)


def _names() -> tuple[str, ...]:
    names = [f"queue.{queue}.{what}" for queue in QUEUES for what in ("depth", "consumers")]
    names += [f"jobs.{state}" for state in JOB_STATES]
    names += ["jobs.failure_rate.5m", "jobs.failure_rate.60m", "jobs.failed.60m"]
    names += [f"duration.{kind}.{p}" for kind in JOB_TYPES for p in ("p50", "p95")]
    names += [f"assets.{state}" for state in ASSET_STATES]
    names += [f"clips.{status}" for status in CLIP_STATUSES]
    names += [f"publications.{state}" for state in PUBLICATION_STATES]
    names += [f"workers.{state}" for state in WORKER_STATES]
    names += ["disk.free_ratio", "disk.free_bytes"]
    names += ["webhooks.received_60m", "webhooks.failed_60m", "webhooks.dead_60m"]
    names += ["accounts.needs_reauth", "accounts.token_expires_in_days.min", "ledger.verified"]
    return tuple(names)


METRIC_NAMES = _names()
KNOWN_METRICS = frozenset(METRIC_NAMES)


def _counts(prefix: str, known: tuple[str, ...], counts: dict[str, int]) -> dict[str, float]:
    return {f"{prefix}.{name}": float(counts.get(name, 0)) for name in (*known, *counts)}


def flatten(snapshot: Snapshot) -> dict[str, float]:
    metrics: dict[str, float] = {}
    for queue in snapshot.queues:
        metrics[f"queue.{queue.name}.depth"] = float(queue.depth)
        metrics[f"queue.{queue.name}.consumers"] = float(queue.consumers)
    metrics |= _counts("jobs", JOB_STATES, snapshot.jobs.by_state)
    for rate in snapshot.failure_rates:
        metrics[f"jobs.failure_rate.{rate.window_minutes}m"] = rate.rate
        if rate.window_minutes == 60:
            metrics["jobs.failed.60m"] = float(rate.failed)
    for duration in snapshot.durations:
        metrics[f"duration.{duration.type}.p50"] = duration.p50_seconds
        metrics[f"duration.{duration.type}.p95"] = duration.p95_seconds
    metrics |= _counts("assets", ASSET_STATES, snapshot.assets_by_state)
    metrics |= _counts("clips", CLIP_STATUSES, snapshot.clips_by_status)
    metrics |= _counts("publications", PUBLICATION_STATES, snapshot.publications.by_state)
    states: list[str] = [worker.state for worker in snapshot.workers]
    metrics |= {f"workers.{state}": float(states.count(state)) for state in WORKER_STATES}
    if snapshot.disk is not None:
        metrics["disk.free_ratio"] = snapshot.disk.free_ratio
        metrics["disk.free_bytes"] = float(snapshot.disk.free_bytes)
    metrics["webhooks.received_60m"] = float(snapshot.webhooks.received_60m)
    metrics["webhooks.failed_60m"] = float(snapshot.webhooks.failed_60m)
    metrics["webhooks.dead_60m"] = float(snapshot.webhooks.dead)
    accounts = snapshot.accounts
    metrics["accounts.needs_reauth"] = float(sum(a.status == "needs_reauth" for a in accounts))
    expiries = [a.token_expires_in_days for a in accounts if a.token_expires_in_days is not None]
    if expiries:
        metrics["accounts.token_expires_in_days.min"] = min(expiries)
    if snapshot.ledger.verified is not None:
        metrics["ledger.verified"] = 1.0 if snapshot.ledger.verified else 0.0
    return metrics
