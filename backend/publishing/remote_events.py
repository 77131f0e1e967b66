"""What a verified platform event changes: publications it names, and accounts it revokes.

Events may arrive late, twice, or before the engine has seen the same fact itself; each rule here
is written so that applying an event again, or after the engine, changes nothing.
"""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts import repository as accounts
from backend.accounts.status import mark_needs_reauth
from backend.models import Publication
from backend.models.base import utcnow
from backend.models.publication import IN_FLIGHT_STATES
from backend.platforms import registry
from backend.platforms.base import WebhookEvent
from backend.publishing import repository
from backend.publishing.transitions import record, transition

log = structlog.get_logger(__name__)


async def apply_remote_event(session: AsyncSession, event: WebhookEvent) -> int:
    """Apply one event; returns how many publications or accounts it changed."""
    if event.kind == "account.revoked":
        return await _revoke(session, event)
    if event.kind == "other":
        return 0
    publications = await repository.find_by_remote(
        session,
        event.platform,
        remote_upload_id=event.remote_upload_id,
        remote_post_id=event.remote_post_id,
    )
    changed = 0
    for publication in publications:
        changed += await _apply_to_publication(session, publication, event)
    if not publications:
        log.info("webhooks.no_publication", platform=event.platform, kind=event.kind)
    return changed


async def _apply_to_publication(
    session: AsyncSession, publication: Publication, event: WebhookEvent
) -> int:
    if event.kind in ("publish.completed", "publish.available"):
        if event.remote_post_id and publication.remote_post_id != event.remote_post_id:
            publication.remote_post_id = event.remote_post_id
        if _not_out_yet(publication, event):
            await record(session, publication, "remote_completed", source="webhook")
            return 1
        if publication.state == "scheduled" and publication.remote_post_id:
            # Uploaded earlier and released by the platform at its time: out now.
            publication.progress, publication.next_attempt_at = 100, None
            await transition(
                session, publication, "published", source="webhook", webhook=event.kind
            )
            return 1
        if publication.state in IN_FLIGHT_STATES and publication.lease_id is None:
            publication.progress, publication.next_attempt_at = 100, None
            await transition(
                session, publication, "published", source="webhook", webhook=event.kind
            )
            return 1
        if publication.state in IN_FLIGHT_STATES:
            # A worker is on it and will see the same through status(): it owns the transition.
            await record(session, publication, "remote_completed", source="webhook")
            return 1
        if publication.state == "published":
            await record(session, publication, "remote_confirmed", source="webhook")
            return 1
        await session.flush()
        return 0
    if event.kind == "publish.failed" and publication.state in IN_FLIGHT_STATES:
        # The engine is still polling this upload: it sees the failure through status() and
        # decides on a retry. The webhook only makes the reason visible sooner.
        publication.error_reason = event.reason
        await record(session, publication, "remote_failed", reason=event.reason, source="webhook")
        return 1
    if event.kind == "publish.removed" and publication.state == "published":
        await record(session, publication, "removed", reason=event.reason, source="webhook")
        return 1
    return 0


def _not_out_yet(publication: Publication, event: WebhookEvent) -> bool:
    """A completion that does not mean the public can see the post: before the time the
    platform releases it at, or without the post id a public post gets once moderation passes
    (the client marks such uploads ``awaits_post_id``)."""
    if publication.publish_at is not None and publication.publish_at > utcnow():
        return True
    awaits = (publication.upload_extra or {}).get("awaits_post_id")
    return bool(awaits) and not event.remote_post_id and not publication.remote_post_id


async def _revoke(session: AsyncSession, event: WebhookEvent) -> int:
    if not event.remote_account_id:
        return 0
    changed = 0
    for account in await accounts.find_by_remote(session, event.platform, event.remote_account_id):
        reason = f"{registry.display_name(event.platform)} reports that access was removed" + (
            f" ({event.reason})" if event.reason else ""
        )
        changed += await mark_needs_reauth(session, account, reason)
    return changed
