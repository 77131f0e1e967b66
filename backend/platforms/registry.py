"""Picks the client for a platform. Each platform package offers ``create_oauth(settings)`` and
``create_publisher(settings)``; in sandbox mode they point at the sandbox's URLs."""

from __future__ import annotations

from types import ModuleType

from backend.config import Settings
from backend.platforms.base import PLATFORMS, OAuthProvider, Publisher


class UnknownPlatform(ValueError):
    pass


def _package(platform: str) -> ModuleType:
    if platform not in PLATFORMS:
        raise UnknownPlatform(f"unknown platform {platform!r}; expected one of {PLATFORMS}")
    from backend.platforms import instagram, tiktok, youtube

    packages: dict[str, ModuleType] = {
        "instagram": instagram,
        "tiktok": tiktok,
        "youtube": youtube,
    }
    return packages[platform]


def redirect_uri(settings: Settings, platform: str) -> str:
    """The one redirect URI registered with each platform: every OAuth call sends it, and the
    sandbox refuses any other."""
    return f"{settings.public_base_url.rstrip('/')}/accounts/oauth/{platform}/callback"


def oauth_provider(platform: str, settings: Settings) -> OAuthProvider:
    provider: OAuthProvider = _package(platform).create_oauth(settings)
    return provider


def publisher(platform: str, settings: Settings) -> Publisher:
    result: Publisher = _package(platform).create_publisher(settings)
    return result
