"""A worker node's own `/metrics`, for deployments whose workers do not share the API's samples
folder (docker-compose: one container per kind of process, each its own pid namespace).

The node's main process serves, on ``STAKAZO_WORKER_METRICS_PORT``, the samples of its own
processes (itself and its pool) with the same bearer token as the API's; Prometheus scrapes it
beside the API. Queue depths stay with the API's scrape: they are the broker's, not a node's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from backend.config import Settings
from backend.metrics.errors import MetricsTokenRequired
from backend.metrics.service import CONTENT_TYPE, check_token, render

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """A line on stderr per scrape would drown the worker's own log."""


def metrics_app(settings: Settings) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != "/metrics":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"only /metrics here\n"]
        try:
            check_token(settings, environ.get("HTTP_AUTHORIZATION"))
        except MetricsTokenRequired as refused:
            start_response(
                "401 Unauthorized",
                [("Content-Type", "text/plain"), ("WWW-Authenticate", "Bearer")],
            )
            return [f"{refused.message}\n".encode()]
        start_response("200 OK", [("Content-Type", CONTENT_TYPE)])
        return [render(settings, with_queues=False)]

    return app


def serve(settings: Settings, host: str, port: int) -> WSGIServer:
    """Starts answering at once, from a daemon thread; ``shutdown()`` stops it."""
    server = make_server(host, port, metrics_app(settings), handler_class=_QuietHandler)
    threading.Thread(target=server.serve_forever, name="metrics-exporter", daemon=True).start()
    return server
