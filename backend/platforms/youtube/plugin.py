"""YouTube as the registry knows it."""

from __future__ import annotations

from typing import Any

from backend.config import Settings
from backend.platforms.base import Credentials, WebhookEvent
from backend.platforms.plugin import CountedQuota, PlatformPlugin, WebhookReceiver
from backend.platforms.subscription_checks import TopicUnknown, VerificationInvalid
from backend.platforms.youtube import choices, rules, webhooks, websub
from backend.platforms.youtube.client import YouTubePublisher
from backend.platforms.youtube.oauth import YouTubeOAuth


def _parse(body: bytes, settings: Settings) -> list[WebhookEvent]:
    return webhooks.parse(body)


def counted_quota(settings: Settings, mode: str) -> CountedQuota:
    """videos.insert draws on the project's daily quota, which resets at midnight Pacific."""
    return CountedQuota(limit=settings.youtube_daily_upload_quota, window="pacific_day")


RECEIVER = WebhookReceiver(
    verify=webhooks.verify,
    parse=_parse,
    content_type="application/atom+xml",
    description=(
        "YouTube upload and deletion notices from the WebSub hub (an Atom feed), signed with "
        "`X-Hub-Signature: sha1=<HMAC-SHA1 of the raw body with the hub.secret>`. XML with a "
        "DOCTYPE or entity declarations is refused (400). A notice for a video one of our "
        "publications uploaded marks that publication published; a deletion notice is recorded "
        "on it."
    ),
    confirm=websub.confirm,
    confirm_description=(
        "The WebSub hub's intent check for YouTube push notifications. Answers `hub.challenge` "
        "as plain text when `hub.topic` is the upload feed of a YouTube channel connected in "
        "some workspace; 404 for any other topic; 400 when a field is missing."
    ),
    confirm_refusals=(VerificationInvalid, TopicUnknown),
)


# YouTube holds a private upload and releases it at publishAt itself, and pushes upload notices
# only to those who subscribed to the channel's feed.
async def creator_info(settings: Settings, credentials: Credentials) -> dict[str, Any]:
    """YouTube's categories are a fixed, documented list: nothing to ask the platform."""
    return choices.creator_view()


PLUGIN = PlatformPlugin(
    name="youtube",
    display_name="YouTube",
    oauth=YouTubeOAuth,
    publisher=YouTubePublisher,
    caption_problems=rules.caption_problems,
    receiver=RECEIVER,
    render_rules_v1=rules.RENDER_RULES_V1,
    posting_rules=rules.POSTING_RULES,
    audience_peaks=rules.AUDIENCE_PEAKS,
    post_text=lambda caption, title: (caption, rules.title(caption, title)),
    scoring_weights_v1=rules.SCORING_WEIGHTS_V1,
    post_title=rules.title,
    native_scheduling=True,
    counted_quota=counted_quota,
    subscribe_notifications=websub.subscribe,
    choices_model=choices.YouTubeChoices,
    creator_info=creator_info,
)
