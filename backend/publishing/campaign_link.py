"""Publications a campaign planned: its post (``CampaignPost``) moves with the publication."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from backend.errors import Conflict
from backend.models import Publication
from backend.publishing import repository


async def move_with(
    session: AsyncSession, publication: Publication, publish_at: datetime | None
) -> None:
    """A campaign's post follows its publication to the new time, keeping the campaign's rule
    of one post per account and minute."""
    post = await repository.campaign_post_of(session, publication.id)
    if post is None:
        return
    if publish_at is None:
        raise Conflict("It belongs to a campaign, whose posts each keep a time; pick one.")
    minute = publish_at.astimezone(UTC).replace(second=0, microsecond=0)
    if await repository.campaign_post_in_minute(session, post, minute) is not None:
        raise Conflict(
            f"Another post of this campaign already goes to this account at "
            f"{minute:%Y-%m-%d %H:%M} UTC; pick another time."
        )
    post.slot_at = publish_at
