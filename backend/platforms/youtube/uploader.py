"""The bytes of a resumable upload, sent by google-api-python-client (``MediaFileUpload`` +
``request.next_chunk()``), which is synchronous: each chunk runs in a worker thread.

The library is pointed at the right host without touching the network: the discovery document
bundled with it is loaded and its ``rootUrl`` replaced (the library's own endpoint override keeps
``https`` for uploads, see the protocol reference). Every vendor exception is turned into ours here.
"""

from __future__ import annotations

import asyncio
import http.client
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import google.auth.exceptions
import google_auth_httplib2
import httplib2
import structlog
from google.oauth2.credentials import Credentials as GoogleCredentials
from googleapiclient import discovery_cache
from googleapiclient.discovery import build_from_document
from googleapiclient.errors import Error as GoogleApiError
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaFileUpload

from backend.platforms.base import (
    AuthError,
    MediaFile,
    PermanentError,
    PlatformError,
    RetryableError,
)
from backend.platforms.youtube import errors
from backend.platforms.youtube.errors import PLATFORM

log = structlog.get_logger(__name__)

CHUNK_GRANULARITY = 256 * 1024


@lru_cache(maxsize=1)
def _static_document() -> str:
    document = discovery_cache.get_static_doc("youtube", "v3")
    if document is None:  # pragma: no cover - the document ships with the library
        raise RuntimeError("google-api-python-client has no bundled youtube v3 document")
    text: str = document
    return text


def build_service(access_token: str, api_root: str, timeout: float) -> Any:
    """A ``youtube`` v3 service whose calls (uploads included) go to ``api_root``."""
    document = json.loads(_static_document())
    document["rootUrl"] = api_root
    transport = httplib2.Http(timeout=timeout)
    # 308 means "resume incomplete" to resumable uploads, not a redirect to follow.
    transport.redirect_codes = transport.redirect_codes - {308}
    authorized = google_auth_httplib2.AuthorizedHttp(
        GoogleCredentials(token=access_token),  # type: ignore[no-untyped-call]
        http=transport,
        # No refresh behind our back: a 401 must reach the engine, which owns the tokens.
        refresh_status_codes=(),
    )
    return build_from_document(document, http=authorized)


@contextmanager
def library_errors(operation: str) -> Iterator[None]:
    """The library's and its transport's exceptions as ours (none may escape)."""
    try:
        yield
    except PlatformError:
        raise
    except HttpError as error:
        retry_after = error.resp.get("retry-after") if error.resp is not None else None
        try:
            seconds = float(retry_after) if retry_after is not None else None
        except ValueError:
            seconds = None
        raise errors.from_api_response(
            int(error.resp.status), error.content, operation=operation, retry_after=seconds
        ) from error
    except google.auth.exceptions.RefreshError as error:
        raise AuthError(PLATFORM, f"{operation}: {error}", errors.RECONNECT) from error
    except TimeoutError as error:
        raise RetryableError(
            PLATFORM, f"{operation}: timed out", "YouTube did not answer in time."
        ) from error
    except (
        httplib2.HttpLib2Error,
        http.client.HTTPException,
        OSError,
        google.auth.exceptions.TransportError,
    ) as error:
        raise RetryableError(
            PLATFORM,
            f"{operation}: connection failed ({type(error).__name__})",
            "The connection to YouTube broke off.",
        ) from error
    except json.JSONDecodeError as error:
        raise RetryableError(
            PLATFORM, f"{operation}: unreadable answer", "YouTube sent an unreadable answer."
        ) from error
    except GoogleApiError as error:
        raise PermanentError(
            PLATFORM,
            f"{operation}: {type(error).__name__}: {error}",
            "The upload to YouTube failed.",
        ) from error


class ResumableSend:
    """One pass over a resumable session, from ``offset`` on, chunk by chunk."""

    def __init__(
        self,
        *,
        access_token: str,
        api_root: str,
        timeout: float,
        session_uri: str,
        media: MediaFile,
        offset: int,
        chunk_size: int,
    ) -> None:
        self._args = (access_token, api_root, timeout, session_uri, media, offset, chunk_size)
        self._request: Any = None

    def _prepare(self) -> None:
        access_token, api_root, timeout, session_uri, media, offset, chunk_size = self._args
        service = build_service(access_token, api_root, timeout)
        body = MediaFileUpload(
            str(media.path), mimetype=media.content_type, chunksize=chunk_size, resumable=True
        )
        request = service.videos().insert(part="snippet,status", media_body=body)
        # Resume the session begin() opened, at the byte the platform says it holds.
        request.resumable_uri = session_uri
        request.resumable_progress = offset
        self._request = request

    async def next_chunk(self) -> tuple[int, dict[str, Any] | None]:
        """(bytes the platform holds, the video resource once the upload is complete)."""
        with library_errors("upload"):
            if self._request is None:
                await asyncio.to_thread(self._prepare)
            status, body = await asyncio.to_thread(self._request.next_chunk, num_retries=0)
        if body is not None:
            return int(self._args[4].size_bytes), body
        return int(status.resumable_progress), None

    def close(self) -> None:
        media = getattr(self._request, "resumable", None)
        stream = media.stream() if media is not None else None
        if stream is not None:
            stream.close()
