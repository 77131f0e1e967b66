"""TikTok: Login Kit v2 (OAuth with PKCE) and the Content Posting API (Direct Post and drafts)."""

from __future__ import annotations

from backend.config import Settings
from backend.platforms.base import OAuthProvider, Publisher
from backend.platforms.tiktok.client import TikTokPublisher
from backend.platforms.tiktok.oauth import TikTokOAuth

__all__ = ["TikTokOAuth", "TikTokPublisher", "create_oauth", "create_publisher"]


def create_oauth(settings: Settings) -> OAuthProvider:
    return TikTokOAuth(settings)


def create_publisher(settings: Settings) -> Publisher:
    return TikTokPublisher(settings)
