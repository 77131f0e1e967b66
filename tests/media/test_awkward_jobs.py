"""The awkward sources through the real task path, one after the other as a worker takes them:
each job ends (succeeded, or failed with a sentence), none is left running, and the worker goes
on to the next job."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from backend.models import Asset, Job
from tests.media.awkward_media import AWKWARD
from tests.media.test_bad_input_pipeline import _as_upload
from tests.pipeline.test_media_pipeline import _jobs, _run, _upload

pytest_plugins = ["tests.media.conftest_awkward"]


async def test_awkward_uploads_end_their_jobs_and_the_worker_goes_on(
    request: pytest.FixtureRequest, client, session, editor, worker_sessions, tmp_path: Path
) -> None:
    sources = [request.getfixturevalue(name) for name in AWKWARD]
    sources.append(request.getfixturevalue("anamorphic_disc"))
    for source in sources:
        suffix = source.suffix
        asset = await _upload(client, editor.headers, _as_upload(tmp_path, source, suffix))
        [process] = await _jobs(session, asset["id"], "media.process")
        outcome = await _run(session, str(process.id))
        job = await session.get(Job, process.id, populate_existing=True)
        row = await session.get(Asset, uuid.UUID(asset["id"]), populate_existing=True)
        assert job is not None
        assert row is not None
        if outcome == "failed":  # refused or failed: in words a person can read
            assert job.error
            assert len(job.error.split()) >= 4, job.error
            continue
        assert outcome == "succeeded", (source.name, job.error)
        assert row.state == "ready"
        renders = await _jobs(session, asset["id"], "media.render_variant")
        assert renders
        for render in renders:
            assert await _run(session, str(render.id)) == "succeeded", source.name
        # Then what the renders queued behind them: speech, and any render it asked for again.
        for _ in range(3):
            waiting = (
                await session.execute(
                    select(Job.id).where(
                        Job.asset_id == uuid.UUID(asset["id"]), Job.state == "pending"
                    )
                )
            ).scalars()
            ran = [await _run(session, str(job_id)) for job_id in waiting]
            assert all(outcome == "succeeded" for outcome in ran), (source.name, ran)
            if not ran:
                break
    states = (await session.execute(select(Job.state))).scalars().all()
    assert states
    assert set(states) <= {"succeeded", "failed"}, states
