"""Subscribing to a channel's upload notices on YouTube's WebSub (PubSubHubbub) hub."""

from __future__ import annotations

import structlog

from backend.config import Settings
from backend.platforms import http
from backend.platforms.youtube import errors
from backend.platforms.youtube.endpoints import WEBSUB_TOPIC, for_settings
from backend.platforms.youtube.errors import PLATFORM

log = structlog.get_logger(__name__)

# Google's hub grants about five days and caps what it is asked for; renew before it runs out.
DEFAULT_LEASE_SECONDS = 5 * 24 * 3600


async def subscribe(
    settings: Settings,
    channel_id: str,
    callback_url: str,
    *,
    lease_seconds: int = DEFAULT_LEASE_SECONDS,
    mode: str = "subscribe",
) -> None:
    """Ask the hub to POST new-video notices for ``channel_id`` to ``callback_url``, signed
    with ``settings.youtube_websub_secret``. The hub answers 202 and then verifies the intent
    by calling ``callback_url`` with a challenge to echo (the webhook endpoint does that)."""
    form = {
        "hub.mode": mode,
        "hub.callback": callback_url,
        "hub.topic": WEBSUB_TOPIC.format(channel_id=channel_id),
        "hub.lease_seconds": str(lease_seconds),
        "hub.secret": settings.youtube_websub_secret.get_secret_value(),
        "hub.verify": "async",
    }
    async with http.client(settings) as client:
        with http.transport_errors(PLATFORM, "subscribe"):
            response = await client.post(for_settings(settings).hub, data=form)
    if response.status_code not in (202, 204):
        raise errors.from_response(response, f"websub_{mode}")
    log.info("youtube.websub_requested", channel_id=channel_id, mode=mode)
