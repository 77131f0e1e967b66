"""TikTok as the registry knows it."""

from __future__ import annotations

from typing import Any

from backend.config import Settings
from backend.platforms.base import Credentials, WebhookEvent
from backend.platforms.plugin import CountedQuota, PlatformPlugin, WebhookReceiver
from backend.platforms.tiktok import choices, creator, rules, webhooks
from backend.platforms.tiktok.client import TikTokPublisher
from backend.platforms.tiktok.oauth import TikTokOAuth


def _parse(body: bytes, settings: Settings) -> list[WebhookEvent]:
    return webhooks.parse(body, client_key=settings.tiktok_client_key)


def counted_quota(settings: Settings, mode: str) -> CountedQuota | None:
    """Direct posts count against a daily cap TikTok does not report; drafts do not."""
    if mode != "direct":
        return None
    return CountedQuota(limit=settings.tiktok_daily_post_cap, window="rolling_day")


def allowed_privacy_levels(settings: Settings, mode: str) -> tuple[str, ...] | None:
    """An app TikTok has not audited posts only privately (SELF_ONLY); drafts choose in the app."""
    if mode != "direct" or settings.tiktok_client_audited:
        return None
    return ("SELF_ONLY",)


async def creator_info(settings: Settings, credentials: Credentials) -> dict[str, Any]:
    return choices.creator_view(await creator.fetch(settings, credentials))


RECEIVER = WebhookReceiver(
    verify=webhooks.verify,
    parse=_parse,
    content_type="application/json",
    description=(
        "TikTok events (`post.publish.*`, `authorization.removed`), signed with "
        '`Tiktok-Signature: t=<unix seconds>,s=<HMAC-SHA256 of "{t}.{raw body}" with the client '
        "secret>`. A `t` further than STAKAZO_WEBHOOK_MAX_AGE_SECONDS from now is refused (401) "
        "even when the HMAC matches; an event for another client_key is refused (400). "
        "Publications and accounts are updated in the background; each event is applied once."
    ),
)

PLUGIN = PlatformPlugin(
    name="tiktok",
    display_name="TikTok",
    oauth=TikTokOAuth,
    publisher=TikTokPublisher,
    caption_problems=rules.caption_problems,
    receiver=RECEIVER,
    render_rules_v1=rules.RENDER_RULES_V1,
    posting_rules=rules.POSTING_RULES,
    audience_peaks=rules.AUDIENCE_PEAKS,
    # TikTok takes one text: the caption, else the title.
    post_text=lambda caption, title: (caption or title, ""),
    allowed_privacy_levels=allowed_privacy_levels,
    scoring_weights_v1=rules.SCORING_WEIGHTS_V1,
    counted_quota=counted_quota,
    choices_model=choices.TikTokChoices,
    # A draft's settings are made in the TikTok app by the creator.
    choices_required=lambda mode: mode != "draft",
    creator_info=creator_info,
)
