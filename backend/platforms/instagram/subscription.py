"""Meta's check of the Instagram webhook subscription: ``hub.challenge`` back when
``hub.verify_token`` is the one configured in the Meta app."""

from __future__ import annotations

import hmac
from collections.abc import Mapping

import structlog

from backend.config import Settings
from backend.platforms import hub
from backend.platforms.plugin import AccountKnown
from backend.platforms.subscription_checks import VerificationInvalid, VerifyTokenMismatch

log = structlog.get_logger(__name__)


async def confirm(query: Mapping[str, str], settings: Settings, account_known: AccountKnown) -> str:
    mode, token, challenge = (
        query.get("hub.mode"),
        query.get("hub.verify_token"),
        query.get("hub.challenge"),
    )
    if not mode or token is None or not challenge:
        raise VerificationInvalid("Send hub.mode, hub.verify_token and hub.challenge.")
    if mode != "subscribe":
        raise VerificationInvalid("hub.mode must be 'subscribe'.")
    expected = settings.instagram_webhook_verify_token.get_secret_value()
    if not hmac.compare_digest(token.encode(), expected.encode()):
        log.warning("webhooks.verify_token_mismatch", platform="instagram")
        raise VerifyTokenMismatch()
    log.info("webhooks.subscription_confirmed", platform="instagram")
    return hub.echo(challenge)
