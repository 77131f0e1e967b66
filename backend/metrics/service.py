"""One scrape: every process's samples added up, and the queues read from the broker now."""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator

import structlog

from backend.config import Settings
from backend.metrics import multiprocess
from backend.metrics.client import (
    REGISTRY,
    Collector,
    CollectorRegistry,
    GaugeMetricFamily,
    collector,
    generate_latest,
)
from backend.metrics.errors import MetricsTokenRequired
from core.queue_depth import read_queue_depths

log = structlog.get_logger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def check_token(settings: Settings, authorization: str | None) -> None:
    """Open when no token is set (production refuses that); else the exact bearer token."""
    expected = settings.metrics_token.get_secret_value()
    if not expected:
        return
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), expected.encode()
    ):
        raise MetricsTokenRequired()


class QueueDepthCollector(Collector):
    """Read at scrape time rather than kept by a process: the broker is the only truth, and a
    gauge set by one API worker would go stale in the files of the others."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth = GaugeMetricFamily(
            "stakazo_queue_depth", "Task messages waiting in each queue.", labels=["queue"]
        )
        up = GaugeMetricFamily(
            "stakazo_broker_up", "1 when this scrape could read the queues from the broker."
        )
        try:
            depths = read_queue_depths(self.settings)
        except Exception as error:  # the broker is away: say so, and still answer the rest
            log.warning("metrics.queue_depth_failed", error=type(error).__name__)
            up.add_metric([], 0)
        else:
            for queue, count in depths.items():
                depth.add_metric([queue], count)
            up.add_metric([], 1)
        yield depth
        yield up


def render(settings: Settings, *, with_queues: bool = True) -> bytes:
    """The text exposition format. Blocking (files, the broker): run it off the event loop.
    ``with_queues``: the broker's queue depths too (the API's scrape; a worker's has none)."""
    registry = CollectorRegistry(auto_describe=False)
    if with_queues:
        registry.register(QueueDepthCollector(settings))
    if multiprocess.inherited():
        collector.MultiProcessCollector(registry, path=os.environ[multiprocess.ENV])  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    # The client was imported before its folder was set: this process's own samples only.
    return generate_latest(REGISTRY) + generate_latest(registry)
