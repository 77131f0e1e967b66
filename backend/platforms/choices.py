"""The choices a platform requires of the user for each post, and the account facts the
dashboard offers them from. Each platform's rules live in its package's ``choices.py``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from backend.config import Settings
from backend.platforms.base import Credentials, display_name
from backend.platforms.tiktok import choices as tiktok
from backend.platforms.tiktok import creator
from backend.platforms.youtube import choices as youtube

MODELS: dict[str, type[BaseModel]] = {
    "tiktok": tiktok.TikTokChoices,
    "youtube": youtube.YouTubeChoices,
}


class ChoicesMissing(ValueError):
    """The platform needs the user's choices for this post and they were not (all) made."""


def required(platform: str, mode: str) -> bool:
    """Every YouTube upload; TikTok direct posts (a draft's settings are made in the app)."""
    return platform in MODELS and not (platform == "tiktok" and mode == "draft")


def for_post(platform: str, mode: str, given: BaseModel | None) -> dict[str, Any]:
    """The choices to store on a publication: ``given`` when the platform takes them, checked
    to be there when it requires them."""
    if not required(platform, mode):
        return {}
    if given is None:
        raise ChoicesMissing(missing_message(platform))
    return given.model_dump()


def check_stored(platform: str, mode: str, options: dict[str, Any]) -> None:
    """Raises ChoicesMissing when a stored publication lacks choices its platform requires (one
    made before they were asked for): it is approved only once they are made."""
    if not required(platform, mode):
        return
    try:
        MODELS[platform].model_validate(options)
    except ValidationError:
        raise ChoicesMissing(missing_message(platform)) from None


def missing_message(platform: str) -> str:
    fields = ", ".join(MODELS[platform].model_fields)
    return (
        f"{display_name(platform)} needs the user's own choices for this post "
        f"(`{platform}`: {fields}); none are filled in for them."
    )


async def creator_info(
    platform: str, settings: Settings, credentials: Credentials
) -> dict[str, Any]:
    """What the account offers, for the posting form: TikTok asks the platform (creator_info),
    YouTube has a fixed, documented list; Instagram asks nothing per post."""
    if platform == "tiktok":
        return {"tiktok": tiktok.creator_view(await creator.fetch(settings, credentials))}
    if platform == "youtube":
        return {"youtube": youtube.creator_view()}
    return {}
