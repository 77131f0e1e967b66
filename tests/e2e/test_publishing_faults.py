"""The publishing fault journeys in real processes (API with the sandbox, worker, beat), on the
configured database and broker — PostgreSQL + Redis in CI's second run. Each ends with exactly
one post on the platform, or a deferral."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import TEST_DATABASE_URL, TEST_REDIS_URL
from tests.databases import create_scratch_database, drop_scratch_database, migrate
from tests.e2e.processes import wait_for
from tests.e2e.publishing_stack import PublishingStack, publishing_stack
from tests.publishing.support import make_compliant_video


@pytest.fixture(scope="module")
async def module_database() -> AsyncIterator[str]:
    url = await create_scratch_database(TEST_DATABASE_URL)
    try:
        await migrate(url)
        yield url
    finally:
        await drop_scratch_database(TEST_DATABASE_URL, url)


@pytest.fixture(scope="module")
def stack(
    module_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PublishingStack]:
    folder = tmp_path_factory.mktemp("publishing-faults")
    with publishing_stack(module_database, TEST_REDIS_URL, folder) as running:
        yield running


@pytest.fixture(scope="module")
def clip_id(stack: PublishingStack, tmp_path_factory: pytest.TempPathFactory) -> str:
    video = make_compliant_video(tmp_path_factory.mktemp("video") / "compliant.mp4")
    return stack.seed_clip(video)


@pytest.fixture(autouse=True)
def no_faults(stack: PublishingStack) -> Iterator[None]:
    stack.faults()
    yield
    stack.faults()


def _published_once(stack: PublishingStack, publication_id: str, caption: str) -> dict:
    done = stack.wait_state(publication_id)
    assert done["state"] == "published", done
    posts = stack.posts(done["platform"], caption)
    assert len(posts) == 1, posts
    assert done["remote_post_id"] == posts[0]["remote_post_id"]
    return done


def test_a_worker_killed_between_upload_and_publish_is_reconciled(stack, clip_id):
    account = stack.connect("instagram", "killed_worker")
    stack.faults(
        {"platform": "instagram", "operation": "create_container", "fault": "slow_processing",
         "delay_seconds": 600, "times": 1}
    )  # fmt: skip
    [publication_id] = stack.publish(clip_id, [account], "survives a dead worker")
    processing = stack.wait_state(publication_id, ("processing",))
    stack.kill_worker()
    # Instagram fetches the video in the background: its 600 s of processing start only then.
    container = f"/instagram/_sandbox/containers/{_remote_upload_id(stack, processing)}"

    def fetched() -> bool:
        held = stack.sandbox("GET", container).json()
        return bool(held["file_size"]) and held["received_bytes"] == held["file_size"]

    wait_for(fetched, 30, "Instagram to fetch the video")
    stack.sandbox("POST", "/_control/clock", json={"advance_seconds": 601})  # processing ends

    stack.start_worker(generation=1)
    _published_once(stack, publication_id, "survives a dead worker")
    trail = stack.trail(publication_id)
    assert "publication.redispatched" in trail
    assert "publication.reconciled" in trail
    assert stack.api.get("/v1/ledger/verify").json()["intact"] is True


def test_a_publish_whose_answer_was_lost_is_not_posted_twice(stack, clip_id):
    account = stack.connect("instagram", "lost_answer")
    stack.faults(
        {
            "platform": "instagram",
            "operation": "media_publish",
            "fault": "lost_response",
            "times": 1,
        }
    )
    [publication_id] = stack.publish(clip_id, [account], "said once")
    _published_once(stack, publication_id, "said once")
    assert "publication.retrying" in stack.trail(publication_id)


def test_an_upload_cut_off_midway_resumes_and_arrives_whole(stack, clip_id):
    account = stack.connect("tiktok", "cut_off")
    stack.faults({"platform": "tiktok", "operation": "upload_chunk", "fault": "drop", "times": 1})
    [publication_id] = stack.publish(clip_id, [account], "arrives whole")
    done = _published_once(stack, publication_id, "arrives whole")
    remote_upload_id = _remote_upload_id(stack, done)
    upload = stack.sandbox("GET", f"/tiktok/_sandbox/uploads/{remote_upload_id}").json()
    variants = Path(stack.env["STAKAZO_MEDIA_DIR"]) / "variants"
    sent = next(variants.glob("*/tiktok/video.mp4"))
    assert upload["sha256"] == hashlib.sha256(sent.read_bytes()).hexdigest()


def _remote_upload_id(stack: PublishingStack, publication: dict) -> str:
    trail = stack.api.get(f"/v1/ledger?publication_id={publication['id']}&limit=200").json()[
        "items"
    ]
    uploading = [e for e in trail if e["type"] == "publication.uploading"]
    return uploading[-1]["payload"]["remote_upload_id"]


def test_a_rate_limit_is_waited_out(stack, clip_id):
    account = stack.connect("youtube", "rate_limited")
    stack.faults(
        {"platform": "youtube", "operation": "upload_init", "fault": "rate_limit",
         "retry_after": 2, "times": 1}
    )  # fmt: skip
    [publication_id] = stack.publish(clip_id, [account], "after the pause")
    _published_once(stack, publication_id, "after the pause")
    retrying = [
        e for e in stack.api.get(f"/v1/ledger?publication_id={publication_id}").json()["items"]
        if e["type"] == "publication.retrying"
    ]  # fmt: skip
    assert retrying[0]["payload"]["in_seconds"] >= 2


def test_an_expired_token_is_refreshed_on_the_way(stack, clip_id):
    account = stack.connect("tiktok", "token_aged")
    stack.sandbox("POST", "/_control/clock", json={"advance_seconds": 3 * 3600})
    [publication_id] = stack.publish(clip_id, [account], "fresh token")
    _published_once(stack, publication_id, "fresh token")
    refreshed = stack.api.get("/v1/ledger?type=account.token_refreshed").json()["items"]
    assert refreshed
    assert refreshed[0]["payload"]["refresh_rotated"] is True


def test_an_exhausted_instagram_quota_defers_instead_of_failing(stack, clip_id):
    account = stack.connect("instagram", "quota_full")
    stack.sandbox("PUT", "/instagram/_sandbox/config", json={"quota_total": 0})
    try:
        [publication_id] = stack.publish(clip_id, [account], "tomorrow then")
        deferred = stack.wait_state(publication_id, ("scheduled", "failed", "published"))
    finally:
        stack.sandbox("PUT", "/instagram/_sandbox/config", json={"quota_total": 50})
    assert deferred["state"] == "scheduled", deferred
    moment = datetime.fromisoformat(deferred["next_attempt_at"].replace("Z", "+00:00"))
    assert moment > datetime.now(UTC) + timedelta(minutes=30)
    assert stack.posts("instagram", "tomorrow then") == []
    assert "publication.deferred" in stack.trail(publication_id)
