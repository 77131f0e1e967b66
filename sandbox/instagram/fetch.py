"""Fetching a container's ``video_url`` and ``cover_url``, as Meta does ("we will cURL" them): a
real download from the address given, with a timeout and a size cap, then the same checks an
uploaded file gets. Until it ends the container is ``IN_PROGRESS``; a failed fetch ends it in
``ERROR`` with the subcode Meta documents for it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import httpx

from sandbox.instagram.errors import GraphFault, media_format
from sandbox.instagram.state import Container, InstagramState

JPEG_MAGIC = b"\xff\xd8\xff"


class FetchFailed(Exception):
    def __init__(self, fault: GraphFault) -> None:
        super().__init__(fault.message)
        self.fault = fault


async def download(url: str, *, max_bytes: int, seconds: float, what: str) -> bytes:
    try:
        async with (
            httpx.AsyncClient(timeout=seconds, follow_redirects=True) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise FetchFailed(_unfetchable(f"{what} answered HTTP {response.status_code}"))
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchFailed(_too_large(what, max_bytes))
            return bytes(body)
    except httpx.TimeoutException as error:
        raise FetchFailed(
            GraphFault(
                -2,
                f"It took too long to download the media: the {what} did not arrive in "
                f"{seconds:g} s.",
                2207003,
                transient=True,
            )
        ) from error
    except httpx.HTTPError as error:
        raise FetchFailed(_unfetchable(f"{what}: {type(error).__name__}")) from error


def _unfetchable(detail: str) -> GraphFault:
    return GraphFault(
        9004,
        f"The media could not be fetched from this uri: {detail}.",
        2207052,
        user_title="Media download has failed",
    )


def _too_large(what: str, limit: int) -> GraphFault:
    if what == "cover":
        return GraphFault(36000, f"The cover image is larger than {limit} bytes.", 2207004)
    return media_format(f"The video is larger than {limit} bytes.")


async def fetch_cover(state: InstagramState, container: Container) -> None:
    """Downloads and checks ``cover_url``; a failure ends processing in ``ERROR``."""
    assert container.cover_url is not None
    config = state.config
    try:
        cover = await download(
            container.cover_url,
            max_bytes=config.max_cover_bytes,
            seconds=config.fetch_timeout_seconds,
            what="cover",
        )
    except FetchFailed as failed:
        container.cover_failure = failed.fault
        return
    if not cover.startswith(JPEG_MAGIC):
        container.cover_failure = GraphFault(
            36001, "The cover image format is not supported: JPEG.", 2207005
        )
        return
    container.cover_sha256 = hashlib.sha256(cover).hexdigest()


async def fetch_container(
    state: InstagramState,
    container: Container,
    now: Callable[[], float],
    processing_seconds: float,
) -> None:
    """Downloads the container's cover and video, then processes the video as an upload."""
    assert container.video_url is not None
    if container.cover_url:
        await fetch_cover(state, container)
    try:
        video = await download(
            container.video_url,
            max_bytes=state.config.max_video_bytes,
            seconds=state.config.fetch_timeout_seconds,
            what="video",
        )
    except FetchFailed as failed:
        moment = now()
        container.failure, container.completed_at, container.ready_at = failed.fault, moment, moment
        return
    container.data = bytearray(video)
    container.declared_size = len(video)
    state.finish_upload(container, now(), processing_seconds)
