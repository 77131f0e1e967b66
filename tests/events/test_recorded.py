"""What the domains announce: each change is recorded with the right type, subject and data,
and leaves only with its commit (never with a rollback)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from backend import ledger
from backend.accounts.status import mark_needs_reauth
from backend.events import DomainEvent, pending_events, set_publisher
from backend.jobs import service as jobs
from backend.models import Job
from backend.publishing.transitions import transition
from tests.factories import create_platform_account, create_publication, create_workspace


@pytest.fixture
def published() -> Iterator[list[DomainEvent]]:
    """What this process's publisher is handed after each commit."""
    batches: list[DomainEvent] = []

    def keep(events: Sequence[DomainEvent]) -> None:
        batches.extend(events)

    set_publisher(keep)
    yield batches
    set_publisher(None)


def _of(events: Sequence[DomainEvent], type: str) -> list[DomainEvent]:
    return [event for event in events if event.type == type]


async def test_job_progress_is_announced_when_it_moves_and_leaves_with_the_commit(
    session, settings, published
):
    workspace = await create_workspace(session)
    job = Job(workspace_id=workspace.id, type="ledger.audit")
    session.add(job)
    await session.flush()
    await jobs.start(session, settings, job.id)
    await jobs.report_progress(session, job.id, 1, 40)
    await jobs.report_progress(session, job.id, 1, 40)  # the same percentage: nothing new
    await jobs.report_progress(session, job.id, 1, 55)
    assert published == []  # nothing before the commit
    await session.commit()

    progress = _of(published, "job.progress")
    assert [event.data["progress"] for event in progress] == [40, 55]
    assert {event.subject_id for event in progress} == {job.id}
    [started] = _of(published, "job.state")
    assert (started.data["state"], started.data["change"]) == ("running", "job.started")
    heads = _of(published, "ledger.head")
    assert heads
    assert all(set(event.data) == {"chain_seq", "hash", "type"} for event in heads)


async def test_a_rollback_announces_nothing(session, settings, published):
    workspace = await create_workspace(session)
    await session.commit()
    published.clear()
    await ledger.record(session, "workspace.renamed", workspace_id=workspace.id)
    assert _of(pending_events(session), "ledger.head")
    await session.rollback()
    assert published == []


async def test_publication_and_account_changes_are_announced(session, published):
    workspace = await create_workspace(session)
    account = await create_platform_account(session, workspace)
    publication = await create_publication(session, account, state="queued")
    await session.commit()
    published.clear()

    await transition(session, publication, "uploading")
    await mark_needs_reauth(session, account, "token revoked")
    await session.commit()

    [moved] = _of(published, "publication.state")
    assert moved.subject_id == publication.id
    assert (moved.data["state"], moved.data["change"]) == ("uploading", "publication.uploading")
    [health] = _of(published, "account.state")
    assert health.subject_id == account.id
    assert (health.data["status"], health.data["change"]) == (
        "needs_reauth",
        "account.needs_reauth",
    )
    assert set(health.data) == {"status", "change", "platform", "username"}  # never tokens
