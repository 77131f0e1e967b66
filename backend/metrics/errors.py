from __future__ import annotations

from backend.errors import Unauthorized


class MetricsTokenRequired(Unauthorized):
    code = "metrics_token_required"
    default_message = (
        "GET /metrics needs the header 'Authorization: Bearer <STAKAZO_METRICS_TOKEN>' "
        "(set the same token in your Prometheus scrape config: authorization.credentials)."
    )
