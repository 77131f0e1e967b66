"""Each awkward upload through the real pipeline: the right outcome, a message a person
understands, and the worker goes on to the next job."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from backend.models import Asset, Job
from tests.pipeline.test_media_pipeline import _jobs, _run, _upload

# An empty file never reaches the pipeline: the upload refuses it (below); the probe still would.
REJECTED = {
    "random_bytes_mp4": "not a video",
    "truncated_mp4": "incomplete",
    "audio_only_m4a": "only sound",
    "still_png": "still image",
    "six_hour_claim_mkv": "6 h",
}
ACCEPTED = ["video_only_mp4", "vfr_mp4", "uhd_60_mp4", "rotated"]


def _as_upload(tmp_path: Path, source: Path, suffix: str = ".mp4") -> Path:
    # Named like the videos people upload: the extension says nothing about the content.
    target = tmp_path / f"upload-{uuid.uuid4().hex[:6]}{suffix}"
    shutil.copy(source, target)
    return target


async def _process(client, session, editor, path: Path) -> tuple[str, Asset, Job]:
    asset = await _upload(client, editor.headers, path)
    [job] = await _jobs(session, asset["id"], "media.process")
    outcome = await _run(session, str(job.id))
    row = await session.get(Asset, uuid.UUID(asset["id"]), populate_existing=True)
    return outcome, row, await session.get(Job, job.id, populate_existing=True)


async def test_an_empty_file_is_refused_at_upload(client, session, editor, zero_byte_mp4):
    with zero_byte_mp4.open("rb") as file:
        response = await client.post(
            "/v1/upload", headers=editor.headers, files={"file": ("empty.mp4", file, "video/mp4")}
        )
    assert (response.status_code, response.json()["error"]) == (422, "empty_file")
    assert (await session.execute(select(Asset))).scalars().all() == []
    assert (await session.execute(select(Job))).scalars().all() == []


@pytest.mark.parametrize(("fixture", "words"), sorted(REJECTED.items()))
async def test_bad_media_is_rejected_with_a_reason(
    request, client, session, editor, worker_sessions, tmp_path, fixture, words
):
    path = request.getfixturevalue(fixture)
    suffix = ".mkv" if path.suffix == ".mkv" else ".mp4"
    outcome, asset, job = await _process(
        client, session, editor, _as_upload(tmp_path, path, suffix)
    )
    assert outcome == "failed"
    assert asset.state == "rejected"
    assert words in (asset.rejection_reason or "").lower(), asset.rejection_reason
    assert job.state == "failed"
    assert job.error == asset.rejection_reason


@pytest.mark.parametrize("fixture", ACCEPTED)
async def test_unusual_but_valid_media_is_processed(
    request, client, session, editor, worker_sessions, tmp_path, shared_media, fixture
):
    path = (
        shared_media / "portrait_rot-90_from_friday.mp4"
        if fixture == "rotated"
        else request.getfixturevalue(fixture)
    )
    outcome, asset, job = await _process(client, session, editor, _as_upload(tmp_path, path))
    assert outcome == "succeeded", job.error
    assert asset.state == "ready"
    clips = (await session.execute(select(Job).where(Job.asset_id == asset.id))).scalars().all()
    assert any(j.type == "media.render_variant" for j in clips)
    if fixture == "rotated":
        assert asset.media_info["video"]["rotation"] in (90, 270)
