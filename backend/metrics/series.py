"""Every series the app writes, and the one call per event that writes it.

Labels are bounded on purpose (route templates, job types, platforms, a handful of error
classes): each label value is a series kept by every process that ever wrote it.
"""

from __future__ import annotations

from typing import Any, Final, Literal

from backend.jobs.types import JOB_TYPES
from backend.metrics.client import Counter, Gauge, Histogram
from backend.platforms.base import PLATFORMS

UNMATCHED: Final = "unmatched"
PublishErrorClass = Literal[
    "none", "retryable", "quota", "auth", "media", "account", "permanent", "internal"
]
PUBLISH_ERROR_CLASSES: Final[tuple[PublishErrorClass, ...]] = (
    "none",
    "retryable",
    "quota",
    "auth",
    "media",
    "account",
    "permanent",
    "internal",
)

http_requests = Counter(
    "stakazo_http_requests",
    "HTTP requests answered, by method, route template and status class.",
    ["method", "route", "status"],
)
# Without the status class, and with few buckets: a histogram is a dozen series per route, and
# a scrape's cost grows with every one of them (docs/metrics.md, "Cost").
http_duration = Histogram(
    "stakazo_http_request_duration_seconds",
    "Time to answer an HTTP request, by method and route template.",
    ["method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0),
)
jobs_finished = Counter(
    "stakazo_jobs_finished",
    "Job runs that ended, by job type and outcome "
    "(succeeded, failed, retrying, cancelled, taken_over, skipped, missing).",
    ["type", "outcome"],
)
job_duration = Histogram(
    "stakazo_job_duration_seconds",
    "Time a job's body ran (from its claim to its end), by job type.",
    ["type"],
    buckets=(1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200),
)
publish_outcomes = Counter(
    "stakazo_publish_outcomes",
    "Runs of the publishing engine, by platform, outcome and error class.",
    ["platform", "outcome", "error_class"],
)
ws_subscribers = Gauge(
    "stakazo_ws_subscribers",
    "Event stream (WS /v1/events) connections open now, over the API's live processes.",
    multiprocess_mode="livesum",
)

JOB_OUTCOMES: Final = ("succeeded", "failed", "retrying", "cancelled")


def status_class(status: int) -> str:
    return f"{status // 100}xx"


# The labelled children of each (method, route, status class) the process has answered: looking
# them up through labels() takes a lock and rebuilds the key on every request. Bounded like the
# labels themselves (route templates, not paths).
_request_series: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    key = (method, route, status // 100)
    children = _request_series.get(key)
    if children is None:
        children = (
            http_requests.labels(method, route, status_class(status)),
            http_duration.labels(method, route),
        )
        _request_series[key] = children
    children[0].inc()
    children[1].observe(seconds)


def job_finished(job_type: str, outcome: str, seconds: float | None) -> None:
    jobs_finished.labels(job_type, outcome).inc()
    if seconds is not None:
        job_duration.labels(job_type).observe(seconds)


def publish_finished(platform: str, outcome: str, error_class: PublishErrorClass) -> None:
    publish_outcomes.labels(platform, outcome, error_class).inc()


def set_ws_subscribers(count: int) -> None:
    ws_subscribers.set(count)


def _zero_series() -> None:
    """A fresh process's first scrape shows every family, at zero, so dashboards and alert
    rules find their series before the first event (Prometheus cannot rate() an absent one)."""
    http_requests.labels("GET", "/metrics", "2xx")
    http_duration.labels("GET", "/metrics")
    for job_type in JOB_TYPES:
        job_duration.labels(job_type)
        for outcome in JOB_OUTCOMES:
            jobs_finished.labels(job_type, outcome)
    for platform in PLATFORMS:
        publish_outcomes.labels(platform, "published", "none")
        publish_outcomes.labels(platform, "retrying", "retryable")
        for error_class in PUBLISH_ERROR_CLASSES[1:]:
            publish_outcomes.labels(platform, "failed", error_class)
    ws_subscribers.set(0)


_zero_series()
