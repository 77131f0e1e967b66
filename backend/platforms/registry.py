"""The one way to a platform: ``plugin(name)``. Each platform package builds its ``PLUGIN``
(``backend/platforms/<name>/plugin.py``); in sandbox mode its clients point at the sandbox."""

from __future__ import annotations

from functools import cache

from backend.config import Settings
from backend.platforms.base import PLATFORMS
from backend.platforms.plugin import PlatformPlugin


class UnknownPlatform(ValueError):
    pass


@cache
def _table() -> dict[str, PlatformPlugin]:
    # Imported here: the platform packages import this module (redirect_uri) themselves.
    from backend.platforms.instagram.plugin import PLUGIN as INSTAGRAM
    from backend.platforms.tiktok.plugin import PLUGIN as TIKTOK
    from backend.platforms.youtube.plugin import PLUGIN as YOUTUBE

    return {plugin.name: plugin for plugin in (INSTAGRAM, TIKTOK, YOUTUBE)}


def plugin(platform: str) -> PlatformPlugin:
    found = _table().get(platform)
    if found is None:
        raise UnknownPlatform(f"unknown platform {platform!r}; expected one of {PLATFORMS}")
    return found


def plugins() -> tuple[PlatformPlugin, ...]:
    return tuple(_table().values())


def display_name(platform: str) -> str:
    """The platform as its users spell it, for messages people read."""
    found = _table().get(platform)
    return found.display_name if found else platform.capitalize()


def redirect_uri(settings: Settings, platform: str) -> str:
    """The one redirect URI registered with each platform: every OAuth call sends it, and the
    sandbox refuses any other."""
    return f"{settings.public_base_url.rstrip('/')}/accounts/oauth/{platform}/callback"
