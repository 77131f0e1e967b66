"""A worker node's own /metrics (STAKAZO_WORKER_METRICS_PORT): what its processes counted, behind
the same token as the API's, and no queue depths (those are the API's to report)."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from backend.config import Settings
from backend.metrics.exporter import serve
from backend.metrics.series import job_finished
from tests.e2e.processes import free_port

TOKEN = "worker-scrape-token-" + "y" * 20


def test_a_worker_serves_its_own_samples_behind_the_token(settings: Settings) -> None:
    job_finished("ledger.audit", "succeeded", 1.0)
    port = free_port()
    guarded = settings.model_copy(update={"metrics_token": SecretStr(TOKEN)})
    server = serve(guarded, "127.0.0.1", port)
    try:
        base = f"http://127.0.0.1:{port}"
        refused = httpx.get(f"{base}/metrics", timeout=10)
        assert refused.status_code == 401
        assert refused.headers["WWW-Authenticate"] == "Bearer"
        assert TOKEN not in refused.text
        assert httpx.get(f"{base}/other", timeout=10).status_code == 404

        answer = httpx.get(f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 200
        assert answer.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        families = {f.name: f for f in text_string_to_metric_families(answer.text)}
        finished = [
            s.value
            for s in families["stakazo_jobs_finished"].samples
            if s.labels == {"type": "ledger.audit", "outcome": "succeeded"}
        ]
        assert len(finished) == 1
        assert finished[0] >= 1
        assert "stakazo_queue_depth" not in families
    finally:
        server.shutdown()
        server.server_close()
