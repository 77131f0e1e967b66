"""YouTube: Google OAuth, Data API v3 resumable uploads, WebSub upload notices."""

from __future__ import annotations

from backend.config import Settings
from backend.platforms.base import OAuthProvider, Publisher
from backend.platforms.youtube.client import YouTubePublisher
from backend.platforms.youtube.oauth import YouTubeOAuth
from backend.platforms.youtube.websub import subscribe

__all__ = ["YouTubeOAuth", "YouTubePublisher", "create_oauth", "create_publisher", "subscribe"]


def create_oauth(settings: Settings) -> OAuthProvider:
    return YouTubeOAuth(settings)


def create_publisher(settings: Settings) -> Publisher:
    return YouTubePublisher(settings)
