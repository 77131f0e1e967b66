"""The one door to prometheus_client: every module here imports the client's names from this
one, so the samples folder is chosen before the client is first imported in any process.

The client picks per-process files or plain memory once, at its import. The ``stakazo`` CLI has
set the folder by then (and emptied it when it is the first process); any other launcher gets
it here, from the settings, without emptying it.
"""

from __future__ import annotations

import sys

import structlog

from backend.config import get_settings
from backend.metrics import multiprocess

if "prometheus_client" not in sys.modules:
    multiprocess.use_folder(get_settings(), fresh=False)
elif not multiprocess.inherited():
    structlog.get_logger(__name__).warning(
        "metrics.single_process",
        detail="prometheus_client was imported before its folder was set: this process's "
        "samples stay in memory and other processes' are not seen",
    )

# After the folder is set, hence not at the top.
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as collector
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

__all__ = [
    "REGISTRY",
    "Collector",
    "CollectorRegistry",
    "Counter",
    "Gauge",
    "GaugeMetricFamily",
    "Histogram",
    "collector",
    "generate_latest",
]
