"""The rendered cover as the video's custom thumbnail: ``thumbnails.set`` right after the upload.

A thumbnail is a nicety, not the post: YouTube refuses custom thumbnails on channels that are
not allowed them (unverified ones), and the video is out either way. So a refusal or a failure
here never fails the publication; it comes back as a warning the engine records in the ledger
(``publication.uploaded`` → ``warnings``), and is not retried.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import anyio
import structlog

from backend.platforms import http
from backend.platforms.base import Credentials, MediaFile, PlatformError
from backend.platforms.youtube import errors
from backend.platforms.youtube.errors import PLATFORM

if TYPE_CHECKING:
    from backend.platforms.youtube.client import YouTubePublisher

log = structlog.get_logger(__name__)

MAX_BYTES = 2 * 1024 * 1024  # YouTube's limit for a custom thumbnail
CONTENT_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}


async def send(
    publisher: YouTubePublisher, credentials: Credentials, video_id: str, media: MediaFile
) -> str | None:
    """Set the cover as ``video_id``'s thumbnail; None when done (or there is no cover), else
    why not, in words."""
    cover = media.cover_path
    if cover is None:
        return None
    content_type = CONTENT_TYPES.get(cover.suffix.lower())
    data = await anyio.Path(cover).read_bytes()
    if content_type is None or len(data) > MAX_BYTES:
        return "YouTube thumbnails must be a JPEG or PNG of 2 MB at most: the cover was not set."
    try:
        async with http.client(publisher.settings, upload=True) as client:
            with http.transport_errors(PLATFORM, "thumbnail"):
                response = await client.post(
                    publisher.endpoints.thumbnails_set,
                    params={"videoId": video_id, "uploadType": "media"},
                    headers={
                        "Authorization": f"Bearer {credentials.access_token}",
                        "Content-Type": content_type,
                    },
                    content=data,
                )
            if response.status_code != 200:
                raise errors.from_response(response, "thumbnail")
    except PlatformError as error:
        log.warning("youtube.thumbnail_failed", video_id=video_id, reason=error.reason)
        return f"YouTube did not take the cover as the thumbnail: {error.user_message}"
    log.info("youtube.thumbnail_set", video_id=video_id, bytes=len(data))
    return None
