"""A job whose worker died is taken over once its heartbeat is stale, or failed with a reason
after too many attempts; the redispatcher never makes a dead job look alive."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import select

from backend.config import Settings
from backend.db import create_engine, create_session_factory
from backend.jobs import repository, service
from backend.models import Job, LedgerEvent
from core.clock import utcnow
from tests.broker import drain
from tests.factories import create_workspace


def _lost_job(workspace_id, *, attempts: int = 1, silent_for: timedelta, **fields) -> Job:
    """A job a worker claimed (attempt ``attempts``) and then stopped beating for."""
    last_beat = utcnow() - silent_for
    return Job(
        workspace_id=workspace_id,
        type="media.process",
        state="running",
        progress=46,
        attempts=attempts,
        started_at=last_beat,
        heartbeat_at=last_beat,
        dispatched_at=last_beat,
        **fields,
    )


def _past_stale(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.job_stale_after_seconds + 1)


async def _trail(session, job: Job) -> list[tuple[str, dict]]:
    rows = await session.execute(
        select(LedgerEvent.type, LedgerEvent.payload)
        .where(LedgerEvent.job_id == job.id)
        .order_by(LedgerEvent.seq)
    )
    return [(type_, payload) for type_, payload in rows.all()]


def _sent_job_ids() -> list[str]:
    return [message["kwargsrepr"] for message in drain("media")]


async def test_a_dead_job_is_resent_and_taken_over_after_the_stale_time(session, settings):
    workspace = await create_workspace(session)
    stale = settings.job_stale_after_seconds
    dead = _lost_job(workspace.id, silent_for=timedelta(seconds=stale + 5))
    alive = _lost_job(workspace.id, silent_for=timedelta(seconds=stale - 30))
    session.add_all([dead, alive])
    await session.flush()
    drain("media")

    assert await service.redispatch_stale(session, settings) == 1
    await session.commit()
    assert _sent_job_ids() == [repr({"job_id": str(dead.id)})]

    # The redispatcher's own write must not pass for a sign of life: the task it sent claims.
    taken = await service.start(session, settings, dead.id)
    assert taken is not None
    assert (taken.state, taken.attempts) == ("running", 2)
    assert taken.heartbeat_at is not None
    assert taken.heartbeat_at > utcnow() - timedelta(seconds=5)
    assert await service.start(session, settings, alive.id) is None  # its worker is alive
    trail = await _trail(session, dead)
    assert [type_ for type_, _ in trail] == ["job.worker_lost", "job.started"]
    assert trail[0][1]["attempt"] == 1
    assert trail[0][1]["silent_seconds"] >= stale
    assert trail[1][1]["attempt"] == 2


async def test_redispatch_keeps_the_dead_job_claimable_across_runs(session, settings):
    workspace = await create_workspace(session)
    dead = _lost_job(workspace.id, silent_for=_past_stale(settings))
    session.add(dead)
    await session.flush()
    drain("media")
    assert await service.redispatch_stale(session, settings) == 1
    # Its message was lost again (no worker yet): a run soon after does not pile up copies...
    assert await service.redispatch_stale(session, settings) == 0
    # ...and the one after the stale time sends it again, still claimable.
    dead.dispatched_at = utcnow() - timedelta(seconds=settings.job_stale_after_seconds + 1)
    await session.flush()
    assert await service.redispatch_stale(session, settings) == 1
    await session.commit()
    assert len(_sent_job_ids()) == 2
    assert await service.start(session, settings, dead.id) is not None


async def test_the_stale_time_is_configurable(session, settings):
    workspace = await create_workspace(session)
    dead = _lost_job(workspace.id, silent_for=timedelta(seconds=20))
    session.add(dead)
    await session.flush()
    assert await service.start(session, settings, dead.id) is None
    quick = settings.model_copy(update={"job_stale_after_seconds": 10})
    assert await service.start(session, quick, dead.id) is not None


async def test_a_job_that_keeps_losing_its_worker_fails_with_the_reason(session, settings):
    workspace = await create_workspace(session)
    silent = timedelta(seconds=settings.job_stale_after_seconds + 1)
    exhausted = _lost_job(workspace.id, attempts=settings.job_max_attempts, silent_for=silent)
    session.add(exhausted)
    await session.flush()
    drain("media")

    assert await service.redispatch_stale(session, settings) == 0
    await session.commit()
    assert _sent_job_ids() == []
    failed = await repository.get(session, exhausted.id)
    assert failed is not None
    assert failed.state == "failed"
    assert failed.finished_at is not None
    assert failed.error is not None
    assert f"stopped responding on each of {settings.job_max_attempts} attempts" in failed.error
    assert await _trail(session, exhausted) == [
        ("job.failed", {"job_type": "media.process", "error": failed.error, "attempt": 3}),
        (
            "outbox.dead",
            {"kind": "jobs", "item_id": str(exhausted.id), "sends": 0, "error": failed.error},
        ),
    ]
    assert failed.dead_at is not None


async def test_a_message_for_an_exhausted_job_fails_it_instead_of_running(session, settings):
    workspace = await create_workspace(session)
    silent = timedelta(seconds=settings.job_stale_after_seconds + 1)
    job = _lost_job(workspace.id, attempts=settings.job_max_attempts, silent_for=silent)
    session.add(job)
    await session.flush()
    assert await service.start(session, settings, job.id) is None
    failed = await repository.get(session, job.id)
    assert failed is not None
    assert (failed.state, failed.attempts) == ("failed", settings.job_max_attempts)
    assert [type_ for type_, _ in await _trail(session, job)] == ["job.failed", "outbox.dead"]


async def test_the_presumed_dead_worker_can_no_longer_write(session, settings):
    workspace = await create_workspace(session)
    job = _lost_job(workspace.id, silent_for=_past_stale(settings))
    session.add(job)
    await session.flush()
    assert await service.heartbeat(session, job.id, 1) is True  # still its own until taken over
    job.heartbeat_at = utcnow() - timedelta(seconds=settings.job_stale_after_seconds + 1)
    await session.flush()
    assert await service.start(session, settings, job.id) is not None  # attempt 2 takes over

    assert await service.heartbeat(session, job.id, 1) is False
    try:
        await service.report_progress(session, job.id, 1, 80)
    except service.JobTakenOver:
        pass
    else:
        raise AssertionError("the old attempt's progress report must stop it")
    await service.succeed(session, job.id, 1, {"from": "the old attempt"})
    await service.fail(session, job.id, 1, "late failure", will_retry=False)
    current = await repository.get(session, job.id)
    assert current is not None
    assert (current.state, current.attempts, current.result, current.error) == (
        "running",
        2,
        None,
        None,
    )
    await service.succeed(session, job.id, 2, {"from": "the new attempt"})
    assert (await repository.get(session, job.id)).result == {"from": "the new attempt"}


async def test_two_copies_of_the_message_claim_a_dead_job_once(
    scratch_database_url: str, settings: Settings
):
    """A message the broker delivers again and one the redispatcher sent, at the same moment."""
    engine = create_engine(scratch_database_url, settings)
    sessions = create_session_factory(engine)
    try:
        async with sessions() as session:
            workspace = await create_workspace(session)
            silent = timedelta(seconds=settings.job_stale_after_seconds + 1)
            job = _lost_job(workspace.id, silent_for=silent)
            session.add(job)
            await session.commit()

        async def claim() -> Job | None:
            async with sessions() as session:
                claimed = await service.start(session, settings, job.id)
                await session.commit()
                return claimed

        results = await asyncio.gather(*(claim() for _ in range(4)))
        assert sum(result is not None for result in results) == 1
        async with sessions() as session:
            row = await repository.get(session, job.id)
            assert row is not None
            assert (row.state, row.attempts) == ("running", 2)
            assert [t for t, _ in await _trail(session, job)] == ["job.worker_lost", "job.started"]
    finally:
        await engine.dispose()


async def test_the_task_beats_while_its_body_runs_without_progress(
    scratch_database_url: str, settings: Settings, monkeypatch
):
    from workers import runtime
    from workers.tasks import base

    engine = create_engine(scratch_database_url, settings)
    sessions = create_session_factory(engine)
    monkeypatch.setattr(runtime, "current", lambda: SimpleNamespace(sessions=sessions))
    monkeypatch.setattr(settings, "job_stale_after_seconds", 1)  # a beat every 0.2 s
    try:
        async with sessions() as session:
            workspace = await create_workspace(session)
            job = Job(workspace_id=workspace.id, type="ledger.audit")
            session.add(job)
            await session.commit()
        beats = []

        async def body(task_session, claimed, progress):
            for _ in range(3):
                await asyncio.sleep(0.5)  # long silent work: no progress report
                async with sessions() as reader:
                    beats.append((await repository.get(reader, job.id)).heartbeat_at)
            return {}

        assert await base._run_job(SimpleNamespace(), body, job.id) == "succeeded"
        assert beats == sorted(beats)
        assert len(set(beats)) == 3

        async with sessions() as session:
            again = Job(workspace_id=workspace.id, type="ledger.audit")
            session.add(again)
            await session.commit()

        async def taken_over(task_session, claimed, progress):
            async with sessions() as other:  # as if it were presumed dead and taken over
                row = await repository.get(other, again.id)
                row.attempts += 1
                await other.commit()
            for _ in range(50):
                await asyncio.sleep(0.1)
                await progress(1, 2)
            raise AssertionError("the body should have been stopped")

        assert await base._run_job(SimpleNamespace(), taken_over, again.id) == "taken_over"
    finally:
        await engine.dispose()


async def test_what_a_given_up_job_worked_on_fails_with_it(session, settings):
    from backend.models import Asset, Variant
    from tests.factories import create_clip

    workspace = await create_workspace(session)
    clip = await create_clip(session, workspace)
    asset = await session.get(Asset, clip.asset_id)
    asset.state = "analyzing"
    variant = Variant(
        workspace_id=workspace.id, clip_id=clip.id, platform="tiktok", state="rendering"
    )
    session.add(variant)
    await session.flush()
    silent, cap = _past_stale(settings), settings.job_max_attempts
    processing = _lost_job(workspace.id, attempts=cap, silent_for=silent, asset_id=asset.id)
    rendering = _lost_job(
        workspace.id,
        attempts=cap,
        silent_for=silent,
        params={"variant_id": str(variant.id)},
    )
    rendering.type = "media.render_variant"
    session.add_all([processing, rendering])
    await session.flush()

    assert await service.redispatch_stale(session, settings) == 0
    await session.refresh(asset)
    await session.refresh(variant)
    assert asset.state == "failed"
    assert asset.rejection_reason.startswith("Processing failed: Its worker stopped responding")
    assert variant.state == "failed"
    assert variant.error.startswith("Its worker stopped responding")
    failed_events = await session.scalars(
        select(LedgerEvent.type).where(LedgerEvent.asset_id == asset.id)
    )
    assert "asset.failed" in list(failed_events)
