"""Instagram Reels through the Instagram Graph API with Instagram Login (graph.instagram.com)."""

from __future__ import annotations

from backend.config import Settings
from backend.platforms.base import OAuthProvider, Publisher
from backend.platforms.instagram.client import InstagramPublisher
from backend.platforms.instagram.oauth import InstagramOAuth

__all__ = ["InstagramOAuth", "InstagramPublisher", "create_oauth", "create_publisher"]


def create_oauth(settings: Settings) -> OAuthProvider:
    return InstagramOAuth(settings)


def create_publisher(settings: Settings) -> Publisher:
    return InstagramPublisher(settings)
