"""GET /metrics: the text format, every family from the first scrape, route templates, the
token."""

from __future__ import annotations

import uuid

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from backend.app import create_app
from backend.metrics.series import PUBLISH_ERROR_CLASSES
from backend.platforms.base import PLATFORMS
from core.broker import QUEUES
from tests.metrics.scrape import scrape, value

FAMILIES = {
    "stakazo_http_requests": "counter",
    "stakazo_http_request_duration_seconds": "histogram",
    "stakazo_jobs_finished": "counter",
    "stakazo_job_duration_seconds": "histogram",
    "stakazo_publish_outcomes": "counter",
    "stakazo_queue_depth": "gauge",
    "stakazo_broker_up": "gauge",
    "stakazo_ws_subscribers": "gauge",
}


async def test_every_family_is_there_from_the_first_scrape(client):
    samples = await scrape(client)
    assert set(FAMILIES) <= set(samples)
    assert {s.labels["queue"] for s in samples["stakazo_queue_depth"]} == set(QUEUES)
    assert value(samples, "stakazo_broker_up", "stakazo_broker_up") == 1
    for platform in PLATFORMS:
        for error_class in PUBLISH_ERROR_CLASSES[1:]:
            labels = {"platform": platform, "outcome": "failed", "error_class": error_class}
            assert any(s.labels == labels for s in samples["stakazo_publish_outcomes"]), labels
    assert any(
        s.labels == {"type": "media.process", "outcome": "failed"}
        for s in samples["stakazo_jobs_finished"]
    )


async def test_types_are_declared(client):
    text = (await client.get("/metrics")).text
    kinds = {family.name: family.type for family in text_string_to_metric_families(text)}
    assert {name: kinds[name] for name in FAMILIES} == FAMILIES


async def test_a_request_counts_under_its_route_template(client):
    clip = f"/v1/clips/{uuid.uuid4()}"
    labels = {"method": "GET", "route": "/v1/clips/{clip_id}", "status": "4xx"}
    before = await scrape(client)
    assert (await client.get(clip)).status_code == 401
    assert (await client.get(clip)).status_code == 401
    after = await scrape(client)
    counted = "stakazo_http_requests_total"
    assert value(after, "stakazo_http_requests", counted, **labels) == (
        value(before, "stakazo_http_requests", counted, **labels) + 2
    )
    timed = "stakazo_http_request_duration_seconds_count"
    family = "stakazo_http_request_duration_seconds"
    timing = {"method": "GET", "route": "/v1/clips/{clip_id}"}
    assert value(after, family, timed, **timing) == value(before, family, timed, **timing) + 2
    assert not any(
        clip in str(sample.labels) for family_samples in after.values() for sample in family_samples
    )


async def test_a_path_no_route_matches_is_unmatched(client):
    labels = {"method": "GET", "route": "unmatched"}
    name = "stakazo_http_requests_total"
    before = value(await scrape(client), "stakazo_http_requests", name, **labels)
    await client.get(f"/v1/no-such-thing/{uuid.uuid4()}")
    after = await scrape(client)
    assert value(after, "stakazo_http_requests", name, **labels) == before + 1
    assert not any("no-such-thing" in s.labels["route"] for s in after["stakazo_http_requests"])


def test_metrics_is_outside_the_api_schema(settings):
    schema = create_app(settings).openapi()
    assert "/metrics" not in schema["paths"]
    assert "/v1/metrics" not in schema["paths"]


@pytest.fixture
async def guarded(settings, session_factory):
    token = "t" * 40
    app = create_app(
        settings.model_copy(update={"metrics_token": SecretStr(token)}),
        session_factory=session_factory,
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client, token


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong", "Basic " + "t" * 40, "Bearer " + "t" * 39]
)
async def test_a_set_token_is_required(guarded, authorization):
    client, _ = guarded
    headers = {"Authorization": authorization} if authorization else {}
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] == "metrics_token_required"
    assert "STAKAZO_METRICS_TOKEN" in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"


async def test_the_token_opens_it(guarded):
    client, token = guarded
    samples = await scrape(client, Authorization=f"Bearer {token}")
    assert "stakazo_queue_depth" in samples
