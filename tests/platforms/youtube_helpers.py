"""Connecting sandbox YouTube accounts and driving uploads, for any test that needs them (the
publishing engine's tests included)."""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

from backend.platforms.base import (
    Credentials,
    MediaFile,
    PostSpec,
    RemotePhase,
    RemoteState,
    TokenGrant,
    UploadTicket,
)
from backend.platforms.registry import redirect_uri
from backend.platforms.youtube import YouTubeOAuth, YouTubePublisher
from tests.paths import TEST_MEDIA
from tests.platforms.conftest import Sandbox
from tests.platforms.consent import ConsentForm, pkce_pair

MEDIA_DIR = TEST_MEDIA
# (file, duration, width, height) of the shared test videos used here.
FRIDAY = (MEDIA_DIR / "his_girl_friday_dialogue.mp4", 6.17, 640, 480)
PORTRAIT = (MEDIA_DIR / "portrait_rot-90_from_friday.mp4", 6.17, 270, 480)


async def consent(
    sandbox: Sandbox, username: str, *, decision: str = "allow", code_challenge: str | None = None
) -> dict[str, str]:
    """Goes through the consent page like a browser; returns the redirect's query parameters."""
    oauth = YouTubeOAuth(sandbox.settings)
    state = secrets.token_urlsafe(16)
    url = oauth.authorization_url(
        state=state,
        redirect_uri=redirect_uri(sandbox.settings, "youtube"),
        code_challenge=code_challenge,
    )
    async with httpx.AsyncClient(timeout=10) as client:
        page = await client.get(url)
        page.raise_for_status()
        form = ConsentForm()
        form.feed(page.text)
        fields = form.fields | {"username": username, "decision": decision}
        answer = await client.post(urljoin(url, form.action), data=fields)
    assert answer.status_code == 302, answer.text
    location = answer.headers["Location"]
    assert location.startswith(redirect_uri(sandbox.settings, "youtube") + "?")
    query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
    assert query.get("state") == state
    return query


async def connect(sandbox: Sandbox, username: str = "creator") -> TokenGrant:
    """A YouTube account connected through the sandbox's consent page (PKCE, offline access)."""
    verifier, challenge = pkce_pair()
    query = await consent(sandbox, username, code_challenge=challenge)
    oauth = YouTubeOAuth(sandbox.settings)
    return await oauth.exchange_code(
        code=query["code"],
        redirect_uri=redirect_uri(sandbox.settings, "youtube"),
        code_verifier=verifier,
    )


async def credentials_for(
    sandbox: Sandbox, username: str = "creator", grant: TokenGrant | None = None
) -> Credentials:
    """Credentials as the engine builds them: a live access token and the channel id."""
    grant = grant or await connect(sandbox, username)
    account = await YouTubeOAuth(sandbox.settings).fetch_account(grant.access_token)
    return Credentials(access_token=grant.access_token, remote_account_id=account.remote_id)


def media_file(
    source: tuple[Path, float, int, int] = PORTRAIT, *, path: Path | None = None
) -> MediaFile:
    file, duration, width, height = source
    file = path or file
    return MediaFile(
        path=file,
        size_bytes=file.stat().st_size,
        duration_seconds=duration,
        width=width,
        height=height,
    )


def padded_video(directory: Path, size: int, source: Path = PORTRAIT[0]) -> Path:
    """A real MP4 followed by zero bytes up to ``size``: where only the length matters."""
    target = directory / f"padded-{size}.mp4"
    shutil.copyfile(source, target)
    with target.open("ab") as handle:
        handle.write(b"\0" * max(0, size - source.stat().st_size))
    return target


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def configure(sandbox: Sandbox, **knobs: Any) -> dict[str, Any]:
    """Changes the YouTube emulator's knobs (see YouTubeConfig)."""
    response = httpx.put(f"{sandbox.url}/youtube/_sandbox/config", json=knobs, timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def revoke_access(sandbox: Sandbox, channel_id: str) -> None:
    """As when the user removes the app from their Google account."""
    response = httpx.post(
        f"{sandbox.url}/youtube/_sandbox/revoke", json={"remote_account_id": channel_id}, timeout=10
    )
    response.raise_for_status()


def stored_video(sandbox: Sandbox, video_id: str) -> dict[str, Any]:
    response = httpx.get(f"{sandbox.url}/youtube/_sandbox/videos/{video_id}", timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def session_id(ticket: UploadTicket) -> str:
    match = re.search(r"upload_id=([^&]+)", ticket.upload_url)
    assert match, ticket.upload_url
    return match.group(1)


async def wait_for_phase(
    publisher: YouTubePublisher,
    credentials: Credentials,
    ticket: UploadTicket,
    phases: set[RemotePhase],
    within_seconds: float = 10.0,
) -> RemoteState:
    """Polls status() until it reports one of ``phases`` (fails after ``within_seconds``)."""
    deadline = time.monotonic() + within_seconds
    while True:
        state = await publisher.status(credentials, ticket)
        if state.phase in phases:
            return state
        assert time.monotonic() < deadline, f"still {state.phase} after {within_seconds} s"
        await asyncio.sleep(0.05)


def youtube_post(caption: str, *, made_for_kids: bool = False, **fields: Any) -> PostSpec:
    """A post with the uploader's own choices made (not for kids, unless said)."""
    return PostSpec(caption, options={"made_for_kids": made_for_kids}, **fields)
