from __future__ import annotations

from collections.abc import Iterator

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import iterate_in_threadpool

from backend.auth.dependencies import SettingsDep
from backend.errors import error_responses
from backend.media import service
from backend.media.ranges import RangeNotSatisfiable, parse_range
from backend.storage import StorageKeyNotFound, get_storage

router = APIRouter(prefix="/media", tags=["media"])


@router.get(
    "/{token}",
    responses=error_responses(
        service.LinkInvalid, service.LinkExpired, service.MediaNotFound, RangeNotSatisfiable
    ),
)
async def stream(token: str, request: Request, settings: SettingsDep) -> StreamingResponse:
    """Stream a file named by a signed link (from an asset, clip or variant response). Supports
    `Range: bytes=…` so browsers can seek; the link itself is the authorisation."""
    link = service.verify(settings, token)
    storage = get_storage(settings)
    try:
        size = await anyio.to_thread.run_sync(storage.size, link.key)
    except StorageKeyNotFound as error:
        raise service.MediaNotFound() from error
    wanted = parse_range(request.headers.get("range"), size)
    first, last = wanted if wanted else (0, size - 1)
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Length": str(last - first + 1),
        "Cache-Control": "private, max-age=300",
        # The type comes from the key's extension; browsers must not second-guess it.
        "X-Content-Type-Options": "nosniff",
    }
    if wanted:
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    chunks: Iterator[bytes] = storage.read_range(link.key, first, last) if size else iter(())
    return StreamingResponse(
        iterate_in_threadpool(chunks),
        status_code=206 if wanted else 200,
        media_type=link.content_type,
        headers=headers,
    )
