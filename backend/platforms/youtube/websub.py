"""Subscribing to a channel's upload notices on YouTube's WebSub (PubSubHubbub) hub, and
answering the hub's check that we meant it."""

from __future__ import annotations

from collections.abc import Mapping

import structlog

from backend.config import Settings
from backend.platforms import http, hub
from backend.platforms.plugin import AccountKnown
from backend.platforms.subscription_checks import TopicUnknown, VerificationInvalid
from backend.platforms.youtube import errors
from backend.platforms.youtube.endpoints import WEBSUB_TOPIC, for_settings
from backend.platforms.youtube.errors import PLATFORM
from backend.platforms.youtube.webhooks import channel_of_topic

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


async def confirm(query: Mapping[str, str], settings: Settings, account_known: AccountKnown) -> str:
    """The hub's intent check: the challenge back when the topic is the upload feed of a channel
    connected in some workspace (whatever its status), or for any unsubscribe."""
    mode, topic = query.get("hub.mode"), query.get("hub.topic")
    challenge, lease_seconds = query.get("hub.challenge"), query.get("hub.lease_seconds")
    if not mode or not topic or not challenge:
        raise VerificationInvalid("Send hub.mode, hub.topic and hub.challenge.")
    if mode not in ("subscribe", "unsubscribe"):
        raise VerificationInvalid("hub.mode must be 'subscribe' or 'unsubscribe'.")
    if lease_seconds is not None and not (lease_seconds.isascii() and lease_seconds.isdigit()):
        raise VerificationInvalid("hub.lease_seconds must be a whole number of seconds.")
    challenge = hub.echo(challenge)
    channel_id = channel_of_topic(topic)
    # Confirming an unsubscribe is always safe, and it stops deliveries for a channel whose
    # account was removed; a subscription is confirmed only for channels we know.
    known = channel_id is not None and (mode == "unsubscribe" or await account_known(channel_id))
    if not known:
        log.info("webhooks.topic_unknown", platform=PLATFORM, mode=mode)
        raise TopicUnknown()
    log.info(
        "webhooks.subscription_confirmed",
        platform=PLATFORM,
        mode=mode,
        channel_id=channel_id,
        lease_seconds=lease_seconds,
    )
    return challenge
