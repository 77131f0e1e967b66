"""The choices a platform requires of the user for each post, and the account facts the
dashboard offers them from. Each platform's rules live in its package's ``choices.py`` and
reach the domain through its plugin."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from backend.config import Settings
from backend.platforms import registry
from backend.platforms.base import Credentials


class ChoicesMissing(ValueError):
    """The platform needs the user's choices for this post and they were not (all) made."""


def _model(platform: str) -> type[BaseModel] | None:
    return registry.plugin(platform).choices_model


def required(platform: str, mode: str) -> bool:
    """Whether a post in this mode needs the user's choices (TikTok drafts do not: their
    settings are made in the app)."""
    plugin = registry.plugin(platform)
    return plugin.choices_model is not None and plugin.choices_required(mode)


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
    model = _model(platform)
    if model is None or not required(platform, mode):
        return
    try:
        model.model_validate(options)
    except ValidationError:
        raise ChoicesMissing(missing_message(platform)) from None


def missing_message(platform: str) -> str:
    model = _model(platform)
    fields = ", ".join(model.model_fields) if model is not None else ""
    return (
        f"{registry.display_name(platform)} needs the user's own choices for this post "
        f"(`{platform}`: {fields}); none are filled in for them."
    )


async def creator_info(
    platform: str, settings: Settings, credentials: Credentials
) -> dict[str, Any]:
    """What the account offers, for the posting form, under the platform's name (TikTok asks
    the platform; YouTube has a fixed, documented list; Instagram asks nothing per post)."""
    fetch = registry.plugin(platform).creator_info
    return {} if fetch is None else {platform: await fetch(settings, credentials)}
