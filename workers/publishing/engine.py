"""One run of the publishing engine over one publication.

Exactly once, by construction:
- what the platform hands out (container, publish id, upload session) is committed before any
  byte is sent, and the moment before Instagram's irreversible ``media_publish`` is committed too;
- every run starts by asking the platform what became of that upload (``status``), so a run
  after a crash, a lost response or a timeout continues from the platform's truth instead of
  starting again;
- a lease (``lease.py``) keeps two runs of the same publication from overlapping.
Retries (bounded, jittered exponential backoff) are decided here and nowhere else.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any, Literal

import structlog
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from backend.accounts import repository as accounts
from backend.accounts import service as account_service
from backend.accounts.status import mark_needs_reauth
from backend.config import Settings
from backend.metrics import series as metrics
from backend.metrics.series import PublishErrorClass
from backend.models import PlatformAccount, Publication
from backend.platforms import registry
from backend.platforms.base import (
    AuthError,
    Credentials,
    MediaRejected,
    PlatformError,
    PostSpec,
    Publisher,
    QuotaExceeded,
    RefreshTooEarly,
    RemoteState,
    RetryableError,
    UploadTicket,
)
from backend.platforms.registry import display_name
from backend.publishing import preflight, repository
from backend.publishing.service import queue
from backend.publishing.transitions import record, transition
from core.clock import utcnow
from core.retry import job_backoff_seconds, retry_query
from workers.heartbeat import beating
from workers.publishing import lease
from workers.publishing.media import (
    VariantNotReady,
    VariantUnusable,
    check_against_rules,
    cover_offset_ms,
    usable_variant,
    variant_file,
)
from workers.publishing.quota import blocked_until

log = structlog.get_logger(__name__)

Outcome = Literal["published", "failed", "deferred", "retrying", "waiting", "skipped"]

POLL_FIRST_SECONDS = 0.5
POLL_MAX_SECONDS = 15.0
WAIT_LATER_SECONDS = 15.0
VARIANT_WAIT_SECONDS = 10.0


@dataclass
class Run:
    session: AsyncSession
    settings: Settings
    publication: Publication
    account: PlatformAccount
    publisher: Publisher
    lease_id: str
    last_progress_write: float = field(default=0.0)
    # Whether this run moved the publication forward on the platform (bytes it did not have,
    # processing reached, the publish call; a new upload is not progress): a failure after
    # progress starts the count of failed attempts afresh.
    progressed: bool = field(default=False)
    # What kind of failure ended or postponed the run, for publish_outcomes (docs/metrics.md).
    error_class: PublishErrorClass = field(default="none")

    async def checkpoint(self) -> None:
        """Commit what is known so far, proving the lease is still ours."""
        await lease.heartbeat(self.session, self.publication.id, self.lease_id)
        await self.session.commit()

    @property
    def post(self) -> PostSpec:
        publication = self.publication
        plugin = registry.plugin(publication.platform)
        publish_at = publication.publish_at if plugin.native_scheduling else None
        if publish_at is not None and publish_at <= utcnow():
            publish_at = None
        return PostSpec(
            caption=publication.caption,
            title=plugin.post_title(publication.caption, publication.title),
            privacy="private" if publish_at else publication.privacy,  # type: ignore[arg-type]
            mode=publication.mode,  # type: ignore[arg-type]
            publish_at=publish_at,
            options=dict(publication.options or {}),
        )

    @property
    def ticket(self) -> UploadTicket | None:
        publication = self.publication
        if publication.remote_upload_id is None:
            return None
        extra = dict(publication.upload_extra or {})
        if publication.remote_post_id:
            # The post the platform already named (a video awaiting its release): ask about it.
            extra["remote_post_id"] = publication.remote_post_id
        return UploadTicket(
            remote_id=publication.remote_upload_id,
            upload_url=publication.upload_url or publication.remote_upload_id,
            extra=extra,
        )


async def run_publication(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, publication_id: uuid.UUID
) -> Outcome:
    async with sessions() as session:
        lease_id = await lease.claim(session, publication_id, settings.publish_stale_after_seconds)
        if lease_id is None:
            log.info("publish.skipped", publication_id=str(publication_id))
            return "skipped"
        publication = await repository.get(session, publication_id)
        assert publication is not None
        account = await accounts.get(session, publication.account_id)
        assert account is not None
        run = Run(
            session,
            settings,
            publication,
            account,
            registry.plugin(publication.platform).publisher(settings),
            lease_id,
        )
        structlog.contextvars.bind_contextvars(
            publication_id=str(publication_id), platform=publication.platform
        )
        # Read now: after a rollback, reading the row again would need the database.
        platform = publication.platform
        outcome: Outcome | Literal["crashed"] = "crashed"
        try:
            outcome = await _run_guarded(run, sessions)
            return outcome
        finally:
            metrics.publish_finished(platform, outcome, run.error_class)


async def _run_guarded(run: Run, sessions: async_sessionmaker[AsyncSession]) -> Outcome:
    publication, session = run.publication, run.session
    beat = partial(_beat, sessions, publication.id, run.lease_id)
    try:
        async with beating(beat, run.settings.publish_stale_after_seconds):
            return await _run_with_auth_retry(run)
    except lease.LeaseLost:
        await session.rollback()
        log.warning("publish.lease_lost")
        return "skipped"
    except SQLAlchemyError:
        run.error_class = "internal"
        raise  # the database is unwell: leave the lease to expire; the dispatcher resends
    except Exception as error:
        log.exception("publish.crashed")
        await session.rollback()
        await session.refresh(publication)
        return await _fail(
            run,
            "Something went wrong on our side while publishing; retry it, and if it fails "
            "again, report it.",
            type(error).__name__,
            "internal",
        )


async def _beat(
    sessions: async_sessionmaker[AsyncSession], publication_id: uuid.UUID, lease_id: str
) -> bool:
    """The lease's heartbeat between checkpoints: a single platform call may outlast the stale
    time (uploads may take minutes), and must not pass for a dead worker meanwhile."""
    async with sessions() as session:
        try:
            await lease.heartbeat(session, publication_id, lease_id)
        except lease.LeaseLost:
            return False  # the run finds out at its next checkpoint and stops
        await session.commit()
    return True


async def _run_with_auth_retry(run: Run) -> Outcome:
    # No rollback on these errors: everything written before them was deliberate and must stay
    # (a discarded ticket, a "publish requested" mark); the handlers add to it and commit.
    for round_ in range(2):
        try:
            return await _drive(run)
        except AuthError as error:
            # The token may simply have expired early: refresh once, then try again.
            try:
                refreshed = round_ == 0 and await account_service.refresh(
                    run.session, run.settings, run.account
                )
            except RefreshTooEarly:
                refreshed = False  # too young to renew, yet refused: the refusal stands
            except RetryableError as pending:  # the platform did not answer properly
                return await _retry_later(run, pending)
            if refreshed:
                await run.checkpoint()
                continue
            await mark_needs_reauth(run.session, run.account, error.user_message)
            return await _fail(
                run,
                f"{display_name(run.account.platform)} no longer accepts the connection to "
                f"@{run.account.username}. Reconnect the account, then retry.",
                error.reason,
                "auth",
            )
        except QuotaExceeded as error:
            until = utcnow() + timedelta(seconds=error.retry_after_seconds or 3600)
            return await _defer(run, until, error.user_message)
        except RetryableError as error:
            return await _retry_later(run, error)
        except PlatformError as error:
            kind: PublishErrorClass = "media" if isinstance(error, MediaRejected) else "permanent"
            return await _fail(run, error.user_message, error.reason, kind)
        except account_service.AccountUnusable as error:
            return await _fail(run, error.message, "account_not_connected", "account")
        except VariantNotReady:
            return await _wait(run, VARIANT_WAIT_SECONDS, "waiting for the video to render")
        except VariantUnusable as error:
            return await _fail(run, str(error), "media_check_failed", "media")
    raise AssertionError("unreachable")


async def _drive(run: Run) -> Outcome:
    publication, session = run.publication, run.session
    if run.ticket is None:
        # Before anything reaches the platform, a token refresh included.
        stopped = await _preflight(run)
        if stopped is not None:
            return stopped
    credentials = await account_service.credentials(session, run.settings, run.account)
    # Commit before any platform call: a ledger event (a token refresh) holds the ledger's lock
    # until commit, and holding it across network calls would stall every other writer.
    await run.checkpoint()
    resumed = run.ticket is not None
    if not resumed:
        blocked = await _begin(run, credentials)
        if blocked is not None:
            return await _defer(run, blocked, "the account's publishing allowance is used up")
    ticket = run.ticket
    assert ticket is not None
    state = await retry_query(partial(run.publisher.status, credentials, ticket))
    if resumed:
        # An earlier run got this far: what the platform says now is what happened to it.
        await record(session, publication, "reconciled", remote_phase=state.phase)
        await run.checkpoint()
    deadline = time.monotonic() + run.settings.publish_poll_budget_seconds
    delay = POLL_FIRST_SECONDS
    while True:
        if state.phase == "uploading":
            state = await _upload(run, credentials, ticket, state.uploaded_bytes)
            ticket = run.ticket or ticket  # now saying the bytes were acknowledged
        elif state.phase == "processing":
            _remember_post(publication, state)
            if publication.state != "processing":
                publication.progress = max(publication.progress, 90)
                await transition(session, publication, "processing")
                await run.checkpoint()
                run.progressed = True
            # The platform may set the pace (Instagram: once a minute); never ask sooner.
            paced = state.poll_after_seconds or 0.0
            pause = max(delay, paced)
            if time.monotonic() + pause > deadline:
                later = max(WAIT_LATER_SECONDS, paced)
                return await _wait(run, later, "the platform is still processing")
            await asyncio.sleep(pause)
            delay = min(delay * 1.5, POLL_MAX_SECONDS)
            await run.checkpoint()
            state = await retry_query(partial(run.publisher.status, credentials, ticket))
        elif state.phase == "ready":
            publication.publish_requested_at = utcnow()
            await record(session, publication, "publish_requested")
            await run.checkpoint()
            run.progressed = True
            state = await run.publisher.publish(credentials, ticket, run.post)
        elif state.phase == "published":
            return await _published(run, state)
        elif state.phase == "scheduled":
            return await _released_later(run, state)
        elif state.phase == "expired" or state.retryable:
            _discard_ticket(publication)
            run.progressed = False  # starting over is no progress
            raise RetryableError(
                publication.platform,
                state.reason or f"upload {state.phase}",
                f"{display_name(publication.platform)} dropped the upload; it will be sent again.",
            )
        else:
            reason = state.reason or "failed"
            raise PlatformError(
                publication.platform,
                reason,
                f"{display_name(publication.platform)} refused the video ({reason}).",
            )


async def _preflight(run: Run) -> Outcome | None:
    """What the platform would refuse of this post by its active rules (caption, title, privacy,
    the file's recorded length, size and shape, quota, posting windows): a refusal fails the
    publication, a wait (quota, posting window) defers it, and the platform is never called."""
    publication = run.publication
    variant = await usable_variant(run.session, publication)
    # Checked for its publish time: a post the platform releases later (YouTube) goes up early.
    media = preflight.media_from_variant(variant)
    found = await preflight.problems(run.session, run.settings, publication, media)
    refused = [problem for problem in found if problem.retry_at is None]
    if refused:
        await record(
            run.session,
            publication,
            "preflight_failed",
            problems=[asdict(problem) for problem in refused],
        )
        message = (
            f"Not sent, because {display_name(publication.platform)} would refuse it: "
            + preflight.refusal(refused)
        )
        return await _fail(run, message, "preflight_failed", "permanent")
    waits = [problem for problem in found if problem.retry_at is not None]
    if waits:
        until = max(problem.retry_at for problem in waits if problem.retry_at is not None)
        return await _defer(run, until, preflight.refusal(waits))
    return None


async def _begin(run: Run, credentials: Credentials) -> datetime | None:
    """Checks, quota, then open the upload and commit its ticket. Returns when to come back if
    the allowance is used up."""
    publication = run.publication
    variant = await usable_variant(run.session, publication)
    await check_against_rules(run.session, run.settings, publication, variant)
    await run.checkpoint()  # the verdict, kept on the shared variant row: release it at once
    blocked = await blocked_until(
        run.session, run.settings, run.publisher, credentials, publication
    )
    if blocked is not None:
        return blocked
    await run.checkpoint()  # end the quota read: on SQLite it holds the write lock until then
    post = replace(run.post, cover_offset_ms=cover_offset_ms(variant))
    async with variant_file(run.settings, variant) as media:
        ticket = await run.publisher.begin(credentials, media, post)
    publication.remote_upload_id, publication.upload_url = ticket.remote_id, ticket.upload_url
    publication.upload_extra, publication.uploaded_bytes = dict(ticket.extra), 0
    publication.publish_requested_at = None
    await transition(run.session, publication, "uploading", remote_upload_id=ticket.remote_id)
    await run.checkpoint()
    return None


async def _upload(
    run: Run, credentials: Credentials, ticket: UploadTicket, offset: int
) -> RemoteState:
    publication = run.publication
    if publication.state != "uploading":
        await transition(run.session, publication, "uploading", resumed_at=offset)
        await run.checkpoint()
    variant = await usable_variant(run.session, publication)
    # End that read before the upload: on SQLite any open transaction holds the write lock, and
    # every other writer (the lease's heartbeat, the API) would wait for the whole upload.
    await run.checkpoint()

    async def progress(done: int, total: int) -> None:
        if done > offset:
            run.progressed = True  # bytes the platform did not have before this run
        now = time.monotonic()
        if now - run.last_progress_write < 2.0 and done < total:
            return
        run.last_progress_write = now
        publication.uploaded_bytes = done
        publication.progress = 5 + int(85 * done / max(total, 1))
        await run.checkpoint()

    async with variant_file(run.settings, variant) as media:
        state = await run.publisher.upload(
            credentials, ticket, media, offset=offset, progress=progress
        )
        size = media.size_bytes
    if state.phase == "uploading" and state.uploaded_bytes <= offset:
        # Sending again at once would spin: let backoff space the tries, and count them.
        run.progressed = False
        raise RetryableError(
            publication.platform,
            f"upload: the platform holds {state.uploaded_bytes} bytes after the upload",
            f"{display_name(publication.platform)} did not keep the video; it will be sent again.",
        )
    publication.uploaded_bytes = size if state.phase != "uploading" else state.uploaded_bytes
    if state.phase != "uploading":
        # Acknowledged: kept in the ticket, so that a later run knows without asking the platform
        # (Instagram documents no way to ask how many bytes it holds).
        publication.upload_extra = {
            **(publication.upload_extra or {}),
            "uploaded_bytes": str(size),
            "uploaded_at": f"{time.time():.3f}",
        }
    _remember_post(publication, state)
    publication.progress = max(publication.progress, 90)
    warnings: dict[str, Any] = {"warnings": list(state.warnings)} if state.warnings else {}
    await record(run.session, publication, "uploaded", bytes=publication.uploaded_bytes, **warnings)
    await run.checkpoint()
    run.progressed = True
    return state


def _remember_post(publication: Publication, state: RemoteState) -> None:
    """Keep the post id a platform names before the post is out (YouTube's video id, as soon as
    the bytes are in): its notice about that post may come before the engine sees it published,
    and is matched by that id."""
    if state.remote_post_id:
        publication.remote_post_id = state.remote_post_id
        publication.remote_url = state.url or publication.remote_url


def _discard_ticket(publication: Publication) -> None:
    publication.remote_upload_id = publication.upload_url = None
    # A post the abandoned upload had named will never come out: a new upload names its own.
    publication.remote_post_id = publication.remote_url = None
    publication.upload_extra, publication.uploaded_bytes = {}, 0
    publication.publish_requested_at = None


async def _published(run: Run, state: RemoteState) -> Outcome:
    publication = run.publication
    publication.remote_post_id = state.remote_post_id or publication.remote_post_id
    publication.remote_url = state.url or publication.remote_url
    publication.remote_detail = state.detail
    publication.progress, publication.error, publication.error_reason = 100, None, None
    publication.next_attempt_at = None
    lease.release(publication)
    if publication.state != "published":
        await transition(
            run.session,
            publication,
            "published",
            remote_post_id=publication.remote_post_id,
            detail=state.detail,
        )
    await run.session.commit()
    log.info("publish.published", remote_post_id=publication.remote_post_id)
    return "published"


async def _released_later(run: Run, state: RemoteState) -> Outcome:
    """Uploaded and accepted, released by the platform at its time: ``scheduled`` until then,
    when the dispatcher sends it here again to see it published."""
    publication = run.publication
    publication.remote_post_id = state.remote_post_id or publication.remote_post_id
    publication.remote_url = state.url or publication.remote_url
    publication.remote_detail = "scheduled"
    publication.progress, publication.error, publication.error_reason = 100, None, None
    release = state.release_at or publication.publish_at or utcnow()
    # Past its time but not yet out (the platform runs a little late): look again shortly.
    publication.next_attempt_at = max(release, utcnow() + timedelta(seconds=WAIT_LATER_SECONDS))
    lease.release(publication)
    await transition(
        run.session,
        publication,
        "scheduled",
        event="release_scheduled",
        remote_post_id=publication.remote_post_id,
        release_at=release.isoformat(),
    )
    await run.session.commit()
    log.info("publish.release_scheduled", release_at=release.isoformat())
    return "deferred"


async def _fail(
    run: Run, message: str, reason: str | None, error_class: PublishErrorClass
) -> Outcome:
    publication = run.publication
    run.error_class = error_class
    publication.error, publication.error_reason = message, reason
    publication.next_attempt_at = None
    lease.release(publication)
    await transition(run.session, publication, "failed", reason=reason, message=message)
    await run.session.commit()
    log.warning("publish.failed", reason=reason)
    return "failed"


async def _retry_later(run: Run, error: RetryableError) -> Outcome:
    publication = run.publication
    run.error_class = "retryable"
    # Failed attempts in a row: bounded per step, so a flaky platform slows a publication down
    # without failing one that keeps moving forward.
    publication.attempts = 1 if run.progressed else publication.attempts + 1
    if publication.attempts >= run.settings.publish_max_attempts:
        return await _fail(
            run,
            f"{error.user_message} Gave up after {publication.attempts} attempts.",
            error.reason,
            "retryable",
        )
    delay = job_backoff_seconds(publication.attempts - 1, error.retry_after_seconds)
    publication.error_reason = error.reason
    lease.release(publication)
    queue(run.session, publication, countdown=delay)
    await record(
        run.session,
        publication,
        "retrying",
        reason=error.reason,
        attempt=publication.attempts,
        in_seconds=round(delay, 1),
    )
    await run.session.commit()
    log.info("publish.retrying", reason=error.reason, in_seconds=round(delay, 1))
    return "retrying"


async def _wait(run: Run, seconds: float, why: str) -> Outcome:
    publication = run.publication
    publication.attempts = 0  # this run ended without a failure
    lease.release(publication)
    queue(run.session, publication, countdown=seconds)
    await run.session.commit()
    log.info("publish.waiting", why=why, in_seconds=seconds)
    return "waiting"


async def _defer(run: Run, until: datetime, why: str) -> Outcome:
    """Only a used-up publishing allowance or a closed posting window defers a run."""
    publication = run.publication
    run.error_class = "quota"
    publication.next_attempt_at = until
    lease.release(publication)
    await transition(
        run.session, publication, "scheduled", event="deferred", until=until.isoformat(), reason=why
    )
    await run.session.commit()
    log.info("publish.deferred", until=until.isoformat())
    return "deferred"
