"""Where YouTube lives: Google's real hosts, or the sandbox's mirror of them.

The sandbox mirrors each real host's paths under a prefix of its own (``/youtube/<prefix>/...``):

  accounts.google.com            -> /youtube/accounts
  oauth2.googleapis.com          -> /youtube/oauth2
  www.googleapis.com (API root)  -> /youtube/api        (videos, channels, upload/...)
  pubsubhubbub.appspot.com       -> /youtube/hub
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.config import Settings


@dataclass(frozen=True)
class Endpoints:
    authorize: str
    token: str
    revoke: str
    # The API root as the discovery document spells it (``rootUrl``, with a trailing slash):
    # REST calls go to ``{api_root}youtube/v3/...``, uploads to ``{api_root}upload/youtube/v3/...``.
    api_root: str
    hub: str

    @property
    def videos(self) -> str:
        return f"{self.api_root}youtube/v3/videos"

    @property
    def channels(self) -> str:
        return f"{self.api_root}youtube/v3/channels"

    @property
    def upload_videos(self) -> str:
        return f"{self.api_root}upload/youtube/v3/videos"

    @property
    def thumbnails_set(self) -> str:
        return f"{self.api_root}upload/youtube/v3/thumbnails/set"


LIVE = Endpoints(
    authorize="https://accounts.google.com/o/oauth2/v2/auth",
    token="https://oauth2.googleapis.com/token",  # noqa: S106 - a URL, not a secret
    revoke="https://oauth2.googleapis.com/revoke",
    api_root="https://www.googleapis.com/",
    hub="https://pubsubhubbub.appspot.com/subscribe",
)


def sandbox(base_url: str) -> Endpoints:
    root = f"{base_url.rstrip('/')}/youtube"
    return Endpoints(
        authorize=f"{root}/accounts/o/oauth2/v2/auth",
        token=f"{root}/oauth2/token",
        revoke=f"{root}/oauth2/revoke",
        api_root=f"{root}/api/",
        hub=f"{root}/hub/subscribe",
    )


def for_settings(settings: Settings) -> Endpoints:
    return sandbox(settings.effective_sandbox_url) if settings.uses_sandbox else LIVE


# Granted at consent; videos.insert needs the first, channels.list and videos.list the second.
SCOPES: tuple[str, ...] = (
    "https://www.googleapis.com/auth/youtube.upload",
    "https://www.googleapis.com/auth/youtube.readonly",
)

WEBSUB_TOPIC = "https://www.youtube.com/xml/feeds/videos.xml?channel_id={channel_id}"
WATCH_URL = "https://www.youtube.com/watch?v={video_id}"
SHORTS_URL = "https://www.youtube.com/shorts/{video_id}"
