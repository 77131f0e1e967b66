"""Instagram as the registry knows it."""

from __future__ import annotations

from backend.config import Settings
from backend.platforms.base import WebhookEvent
from backend.platforms.instagram import rules, subscription, webhooks
from backend.platforms.instagram.client import InstagramPublisher
from backend.platforms.instagram.oauth import InstagramOAuth
from backend.platforms.plugin import PlatformPlugin, WebhookReceiver
from backend.platforms.subscription_checks import VerificationInvalid, VerifyTokenMismatch


def _parse(body: bytes, settings: Settings) -> list[WebhookEvent]:
    return webhooks.parse(body)


RECEIVER = WebhookReceiver(
    verify=webhooks.verify,
    parse=_parse,
    content_type="application/json",
    description=(
        "Instagram change notifications (comments, mentions…), signed with "
        "`X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body with the app secret>`. Each "
        "change is recorded once however often Meta redelivers it. Instagram sends no "
        "publish-status notifications: publications are followed by polling. 401 for a missing "
        "or wrong signature, 400 for a body that is not an Instagram notification, 413 past "
        "STAKAZO_WEBHOOK_MAX_BODY_BYTES."
    ),
    confirm=subscription.confirm,
    confirm_description=(
        "Meta's subscription check for the Instagram webhook. Answers `hub.challenge` as plain "
        "text when `hub.verify_token` equals STAKAZO_INSTAGRAM_WEBHOOK_VERIFY_TOKEN; 403 when it "
        "does not; 400 when a field is missing."
    ),
    confirm_refusals=(VerificationInvalid, VerifyTokenMismatch),
)

# Instagram reports its own publishing limit (content_publishing_limit): nothing to count.
PLUGIN = PlatformPlugin(
    name="instagram",
    display_name="Instagram",
    oauth=InstagramOAuth,
    publisher=InstagramPublisher,
    caption_problems=rules.caption_problems,
    receiver=RECEIVER,
    render_rules_v1=rules.RENDER_RULES_V1,
    posting_rules=rules.POSTING_RULES,
    audience_peaks=rules.AUDIENCE_PEAKS,
    scoring_weights_v1=rules.SCORING_WEIGHTS_V1,
)
