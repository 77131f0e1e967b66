"""Where the TikTok calls go: the live hosts, or the sandbox's emulation of them.

The sandbox mirrors each real host's paths under a prefix of its own below ``/tiktok``:
``www.tiktok.com`` → ``/tiktok/www``, ``open.tiktokapis.com`` → ``/tiktok/open``. Upload URLs
are not built here: TikTok hands one out with every init (the sandbox's point at
``/tiktok/upload``).
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.config import Settings

LIVE_WWW = "https://www.tiktok.com"
LIVE_OPEN_API = "https://open.tiktokapis.com"


@dataclass(frozen=True)
class Endpoints:
    www: str
    api: str

    @property
    def authorize(self) -> str:
        return f"{self.www}/v2/auth/authorize/"

    @property
    def token(self) -> str:
        return f"{self.api}/v2/oauth/token/"

    @property
    def revoke(self) -> str:
        return f"{self.api}/v2/oauth/revoke/"

    @property
    def user_info(self) -> str:
        return f"{self.api}/v2/user/info/"

    @property
    def creator_info(self) -> str:
        return f"{self.api}/v2/post/publish/creator_info/query/"

    @property
    def direct_init(self) -> str:
        return f"{self.api}/v2/post/publish/video/init/"

    @property
    def inbox_init(self) -> str:
        return f"{self.api}/v2/post/publish/inbox/video/init/"

    @property
    def status(self) -> str:
        return f"{self.api}/v2/post/publish/status/fetch/"

    @property
    def video_query(self) -> str:
        return f"{self.api}/v2/video/query/"


def endpoints_for(settings: Settings) -> Endpoints:
    if settings.uses_sandbox:
        base = f"{settings.effective_sandbox_url}/tiktok"
        return Endpoints(www=f"{base}/www", api=f"{base}/open")
    return Endpoints(www=LIVE_WWW, api=LIVE_OPEN_API)
