"""What a platform package hands the registry: everything platform-specific the domain needs.

Each package under ``backend/platforms/<name>/`` builds one ``PlatformPlugin`` in its
``plugin.py``; ``registry.plugin(name)`` is the only way publishing, webhooks, accounts, rules and
the workers reach it, so none of them ever branches on a platform's name.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from backend.config import Settings
from backend.errors import AppError
from backend.platforms.base import (
    Credentials,
    OAuthProvider,
    Platform,
    Publisher,
    WebhookEvent,
)

TITLE_FALLBACK = "Short"


@dataclass(frozen=True)
class CountedQuota:
    """A publishing allowance we count from our own publications, because the platform does not
    report it: ``limit`` posts per ``window`` (a rolling 24 hours, or the day in Pacific time)."""

    limit: int
    window: Literal["rolling_day", "pacific_day"]


# Whether an account with this remote id is connected in some workspace (any status).
AccountKnown = Callable[[str], Awaitable[bool]]


class SubscriptionCheck(Protocol):
    async def __call__(
        self, query: Mapping[str, str], settings: Settings, account_known: AccountKnown
    ) -> str:
        """The platform's GET check of a webhook subscription: the challenge to echo as plain
        text, or an ``AppError`` from ``backend.webhooks.errors`` saying why not."""
        ...


@dataclass(frozen=True)
class WebhookReceiver:
    """How ``/webhooks/<name>`` treats a delivery: ``verify`` raises ``SignatureInvalid`` (or
    ``SignatureStale``) on the raw bytes, then ``parse`` normalizes them or raises
    ``MalformedWebhook``. ``confirm`` answers the GET subscription check, where there is one."""

    verify: Callable[[Mapping[str, str], bytes, Settings, float], None]
    parse: Callable[[bytes, Settings], list[WebhookEvent]]
    content_type: str
    description: str
    confirm: SubscriptionCheck | None = None
    confirm_description: str = ""
    confirm_refusals: tuple[type[AppError], ...] = ()


def first_line_title(caption: str, title: str, limit: int = 100) -> str:
    """The title as sent: the given one, else the caption's first line (cut at a word)."""
    if title.strip():
        return title.strip()
    first_line = caption.strip().splitlines()[0] if caption.strip() else ""
    if len(first_line) <= limit:
        return first_line or TITLE_FALLBACK
    return first_line[: limit - 1].rsplit(" ", 1)[0] + "…"


def no_counted_quota(settings: Settings, mode: str) -> CountedQuota | None:
    return None


def caption_only(caption: str, title: str) -> tuple[str, str]:
    return caption, ""


def any_privacy(settings: Settings, mode: str) -> tuple[str, ...] | None:
    return None


@dataclass(frozen=True)
class PlatformPlugin:
    """One platform, complete. ``caption_problems(caption, title)`` lists what the platform would
    refuse, in words; ``counted_quota(settings, mode)`` is the allowance we count ourselves when
    ``Publisher.quota`` reports none; ``native_scheduling`` means the platform holds an upload
    and releases it at ``publish_at`` itself; ``subscribe_notifications(settings, remote_id,
    callback_url)`` asks for push notices about a connected account, where they must be asked
    for. ``render_rules_v1`` and ``scoring_weights_v1`` are the first rule values (seeded by
    revision 0002: never edit them in place)."""

    name: Platform
    display_name: str
    oauth: Callable[[Settings], OAuthProvider]
    publisher: Callable[[Settings], Publisher]
    caption_problems: Callable[[str, str], list[str]]
    receiver: WebhookReceiver
    render_rules_v1: Mapping[str, Any]
    scoring_weights_v1: Mapping[str, float]
    # What a post must meet beyond the render (accepted codecs, caption limits, quota...): the
    # defaults of rule keys that version 1 predates, so every stored version reads in full.
    posting_rules: Mapping[str, Any] = field(default_factory=dict)
    # When the platform's audience is most active (weekday peaks, weekend peaks: hour -> views
    # relative to a typical post): the prior of an account's best times to post.
    audience_peaks: tuple[Mapping[int, float], Mapping[int, float]] = ({}, {})
    # The (caption, title) a post's texts become on the platform, as the pre-flight checks them.
    post_text: Callable[[str, str], tuple[str, str]] = caption_only
    # The privacy levels this instance's app may post with in a mode (None: any the account
    # offers).
    allowed_privacy_levels: Callable[[Settings, str], tuple[str, ...] | None] = any_privacy
    post_title: Callable[[str, str], str] = first_line_title
    native_scheduling: bool = False
    counted_quota: Callable[[Settings, str], CountedQuota | None] = no_counted_quota
    subscribe_notifications: Callable[[Settings, str, str], Awaitable[None]] | None = None
    # The user's own choices per post (TikTok's interactions and disclosures, YouTube's made
    # for kids): their model, whether a post in this mode needs them, and what the account
    # offers for the posting form.
    choices_model: type[BaseModel] | None = None
    choices_required: Callable[[str], bool] = lambda mode: True
    creator_info: Callable[[Settings, Credentials], Awaitable[dict[str, Any]]] | None = None
