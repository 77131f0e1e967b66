"""Prometheus ``GET /metrics``: the series every process writes, added up across processes."""
