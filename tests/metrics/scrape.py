"""Reading a scrape back with prometheus-client's own parser."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample


async def scrape(client: httpx.AsyncClient, **headers: str) -> dict[str, list[Sample]]:
    """Samples by family name (counters without their ``_total``)."""
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return {family.name: family.samples for family in text_string_to_metric_families(response.text)}


def value(samples: dict[str, list[Sample]], family: str, name: str, **labels: str) -> float:
    """The sample ``name`` of ``family`` whose labels include ``labels``; 0 when absent."""
    return sum(
        sample.value
        for sample in samples.get(family, [])
        if sample.name == name and labels.items() <= sample.labels.items()
    )
