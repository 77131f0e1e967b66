"""PostgreSQL and Redis restarted while uploads, media jobs and publications are in flight (real
processes: API, worker, beat on a private PostgreSQL and a private Redis): nothing is lost and
nothing happens twice. The upload resumes at the acknowledged offset, the media job finishes with
its clips, every publication is published exactly once, the ledger is intact, the outbox drains,
and a subscriber of the event stream (`stakazo events`, which reconnects by itself) hears of the
job's end and of every clip, each event once."""

from __future__ import annotations

import asyncio
import base64
import uuid
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import IS_POSTGRES, TEST_REDIS_URL
from tests.databases import migrate
from tests.e2e.private_postgres import private_postgres
from tests.e2e.processes import private_redis, wait_for
from tests.e2e.publishing_stack import PublishingStack, SignedIn, publishing_stack
from tests.events.stack import Member, printed, watching
from tests.factories import POST_CHOICES
from tests.paths import TEST_MEDIA
from tests.publishing.support import make_compliant_video

PLATFORMS = ("instagram", "tiktok", "youtube")
TUS = {"Tus-Resumable": "1.0.0"}
FINAL_ASSET = ("ready", "rejected", "failed")
# Redis keeps nothing across its restart, so a message sitting in it then is lost, and the outbox
# sends it again once it has waited long enough to be presumed lost: the shortest wait the
# settings allow, and a short backoff, so the test sees the re-send instead of waiting minutes.
LOST_MESSAGES_SOON = {
    "STAKAZO_JOB_REDISPATCH_AFTER_SECONDS": "30",
    "STAKAZO_OUTBOX_BACKOFF_BASE_SECONDS": "2",
    "STAKAZO_OUTBOX_BACKOFF_CAP_SECONDS": "10",
}


def _start_upload(api: httpx.Client, name: str, size: int) -> str:
    filename = base64.b64encode(name.encode()).decode()
    created = api.post(
        "/v1/uploads/tus",
        headers={**TUS, "Upload-Length": str(size), "Upload-Metadata": f"filename {filename}"},
    )
    assert created.status_code == 201, created.text
    return created.headers["location"]


def _send(api: httpx.Client, location: str, offset: int, chunk: bytes) -> httpx.Response:
    headers = {**TUS, "Upload-Offset": str(offset),
               "Content-Type": "application/offset+octet-stream"}  # fmt: skip
    return api.patch(location, headers=headers, content=chunk)


def _retrying(call: Any, what: str) -> httpx.Response:
    """The API answers 503 (or drops the connection) while its database is restarting; a
    client retries, as the generated clients do."""

    def attempt() -> httpx.Response | None:
        try:
            response: httpx.Response = call()
        except httpx.HTTPError:
            return None
        return None if response.status_code >= 500 else response

    return wait_for(attempt, 60, what)


def _processed(stack: PublishingStack, asset_id: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        asset: dict[str, Any] = stack.api.get(f"/v1/assets/{asset_id}").json()
        return asset if asset["state"] in FINAL_ASSET else None

    return wait_for(done, 300, f"asset {asset_id} to be processed")


def _finished_jobs(stack: PublishingStack, asset_id: str) -> list[dict[str, Any]] | None:
    """The asset's jobs (processing, then rendering its clips) once none is still to run."""
    every_job = stack.api.get("/v1/jobs?limit=200").json()["items"]
    jobs = [job for job in every_job if job["asset_id"] == asset_id]
    if not jobs or any(job["state"] in ("pending", "running") for job in jobs):
        return None
    return jobs


def _published_once(stack: PublishingStack, publication_id: str, caption: str) -> None:
    done = stack.wait_state(publication_id, timeout=300)
    assert done["state"] == "published", done
    posts = stack.posts(done["platform"], caption)
    assert len(posts) == 1, (publication_id, posts)
    assert done["remote_post_id"] == posts[0]["remote_post_id"]


# Only where CI runs on PostgreSQL + Redis: the embedded default has neither to restart.
if IS_POSTGRES and TEST_REDIS_URL:

    def test_restarting_redis_and_postgres_loses_and_repeats_nothing(tmp_path: Path):
        with private_postgres() as postgres, private_redis(tmp_path) as redis_server:
            database_url = postgres.create_database("stakazo")
            asyncio.run(migrate(database_url))
            with publishing_stack(
                database_url, redis_server.url, tmp_path, extra_env=LOST_MESSAGES_SOON
            ) as stack:
                _journey(stack, postgres, redis_server)


def _journey(stack: PublishingStack, postgres: Any, redis_server: Any) -> None:
    video = make_compliant_video(stack.folder / "video" / "compliant.mp4")
    clip_id = stack.seed_clip(video)
    accounts = [stack.connect(platform, f"restarts_{platform}") for platform in PLATFORMS]
    assert isinstance(stack.api.auth, SignedIn)
    who = Member(stack.api.auth.token, uuid.UUID(stack.workspace_id), uuid.uuid4())
    with watching(stack.base, who, stack.folder) as out:
        wait_for(lambda: any(m["type"] == "subscribed" for m in printed(out)), 60, "the script")
        assets = _in_flight_through_restarts(stack, postgres, redis_server, clip_id, accounts)
        _heard_of_everything(stack, out, assets)

    def drained() -> dict[str, Any] | None:
        overview: dict[str, Any] = stack.api.get("/v1/outbox").json()
        left = sum(c["waiting"] + c["retrying"] for c in overview["counts"].values())
        return overview if left == 0 else None

    try:
        overview = wait_for(drained, 180, "the outbox to drain")
    except AssertionError:
        print("outbox:", stack.api.get("/v1/outbox").json())
        raise
    assert overview["dead"] == [], overview


def _heard_of_everything(stack: PublishingStack, out: Path, assets: list[str]) -> None:
    clips = {
        clip["id"]
        for asset_id in assets
        for clip in stack.api.get(f"/v1/clips?asset_id={asset_id}&limit=200").json()["items"]
    }

    def heard() -> bool:
        messages = printed(out)
        created = {m["subject_id"] for m in messages if m["type"] == "clip.created"}
        ended = {
            m["data"].get("asset_id")
            for m in messages
            if m["type"] == "job.state"
            and m["data"].get("state") == "succeeded"
            and m["data"].get("job_type") == "media.process"
        }
        return clips <= created and set(assets) <= ended

    wait_for(heard, 120, "the subscriber to hear of every clip and of both jobs' end")
    ids = [m["id"] for m in printed(out) if "id" in m]
    assert len(ids) == len(set(ids))


def _in_flight_through_restarts(
    stack: PublishingStack,
    postgres: Any,
    redis_server: Any,
    clip_id: str,
    accounts: list[dict[str, Any]],
) -> list[str]:
    # In flight when the servers go away: a processing job, a half-sent upload, publications.
    processing = (TEST_MEDIA / "his_girl_friday_dialogue.mp4").read_bytes()
    whole = _start_upload(stack.api, "processing.mp4", len(processing))
    sent = _send(stack.api, whole, 0, processing)
    assert sent.status_code == 204, sent.text
    processing_asset = sent.headers["stakazo-asset-id"]

    halved = (TEST_MEDIA / "tears_of_steel_cuts_640x360.mp4").read_bytes()
    half = len(halved) // 2
    resumed = _start_upload(stack.api, "resumed.mp4", len(halved))
    assert _send(stack.api, resumed, 0, halved[:half]).status_code == 204

    batches = {"before the restarts": stack.publish(clip_id, accounts, "before the restarts")}

    redis_server.shutdown()
    redis_server.start()
    postgres.restart()

    body = {"create": {"clip_id": clip_id, "account_ids": [a["id"] for a in accounts],
                       "caption": "after the restarts", **POST_CHOICES}}  # fmt: skip
    confirmed = _retrying(
        lambda: stack.api.post("/v1/confirm_publish", json=body),
        "a publication request after the restarts",
    )
    assert confirmed.status_code == 200, confirmed.text
    batches["after the restarts"] = [item["id"] for item in confirmed.json()["items"]]

    head = _retrying(lambda: stack.api.head(resumed, headers=TUS), "the upload's offset")
    assert int(head.headers["upload-offset"]) == half
    rest = _send(stack.api, resumed, half, halved[half:])
    assert rest.status_code == 204, rest.text
    resumed_asset = rest.headers["stakazo-asset-id"]

    for asset_id in (processing_asset, resumed_asset):
        asset = _processed(stack, asset_id)
        assert asset["state"] == "ready", asset
        clips = stack.api.get(f"/v1/clips?asset_id={asset_id}").json()["items"]
        assert clips, asset_id
        jobs = wait_for(partial(_finished_jobs, stack, asset_id), 300, f"{asset_id}'s jobs")
        assert [job["state"] for job in jobs] == ["succeeded"] * len(jobs), jobs

    for caption, publication_ids in batches.items():
        for publication_id in publication_ids:
            _published_once(stack, publication_id, caption)
    assert stack.api.get("/v1/ledger/verify").json()["intact"] is True
    return [processing_asset, resumed_asset]
