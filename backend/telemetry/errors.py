"""What a telemetry request can get wrong."""

from __future__ import annotations

from backend.errors import InvalidInput


class UnknownMetric(InvalidInput):
    code = "unknown_metric"
    default_message = (
        "Unknown metric: names look like queue.media.depth, jobs.failure_rate.5m or "
        "publications.published; GET /v1/telemetry/metrics lists them all."
    )


class InvalidSeriesWindow(InvalidInput):
    code = "invalid_series_window"
    default_message = "The series' window is empty or asks for too many points."
