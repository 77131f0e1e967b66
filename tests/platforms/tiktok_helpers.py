"""Connecting a TikTok sandbox account the way a person does (through the consent page), and the
media and sandbox look-ups the TikTok tests share. Reusable by the publishing engine's tests:

    grant = await connect(sandbox, "maria")
    credentials = await credentials_for(sandbox, grant)
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

from backend.platforms.base import Credentials, MediaFile, PostMode, PostSpec, Privacy, TokenGrant
from backend.platforms.registry import redirect_uri
from backend.platforms.tiktok import create_oauth
from tests.paths import TEST_MEDIA
from tests.platforms.conftest import Sandbox
from tests.platforms.consent import ConsentForm, pkce_pair
from tests.servers import serving

MEDIA = TEST_MEDIA
FRIDAY = MEDIA / "his_girl_friday_dialogue.mp4"  # 6.17 s, 640x480, 30 fps, H.264
SINTEL = MEDIA / "sintel_fast_cuts_640x360.mp4"  # 10 s, 640x360, 24 fps, H.264
GRID_MPEG = MEDIA / "grid_swwp2s_talking_head.mpg"  # MPEG-1 PS, 360x288, 25 fps


async def consent(
    sandbox: Sandbox, username: str, *, decision: str = "allow", oauth: Any = None
) -> dict[str, str]:
    """Opens the consent page, fills in ``username``, presses Allow (or Deny); returns the query
    TikTok redirected back with (``code`` and ``state``, or ``error``), plus the PKCE verifier.
    ``oauth``: a client asking for other scopes than ours."""
    oauth = oauth or create_oauth(sandbox.settings)
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(12)
    url = oauth.authorization_url(
        state=state, redirect_uri=redirect_uri(sandbox.settings, "tiktok"), code_challenge=challenge
    )
    async with httpx.AsyncClient(timeout=10) as browser:
        page = await browser.get(url)
        assert page.status_code == 200, page.text
        form = ConsentForm()
        form.feed(page.text)
        assert "username" in form.fields, "the consent page has no username field"
        answer = await browser.post(
            urljoin(str(page.url), form.action),
            data={**form.fields, "username": username, "decision": decision},
        )
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(redirect_uri(sandbox.settings, "tiktok") + "?")
    query = {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}
    assert query.get("state") == state
    return {**query, "code_verifier": verifier}


async def connect(
    sandbox: Sandbox, username: str = "sandbox_creator", *, oauth: Any = None
) -> TokenGrant:
    """A grant for ``username``'s sandbox account, obtained through the consent page."""
    query = await consent(sandbox, username, oauth=oauth)
    return await (oauth or create_oauth(sandbox.settings)).exchange_code(
        code=query["code"],
        redirect_uri=redirect_uri(sandbox.settings, "tiktok"),
        code_verifier=query["code_verifier"],
    )


async def credentials_for(sandbox: Sandbox, grant: TokenGrant) -> Credentials:
    account = await create_oauth(sandbox.settings).fetch_account(grant.access_token)
    return Credentials(access_token=grant.access_token, remote_account_id=account.remote_id)


async def connected(sandbox: Sandbox, username: str = "sandbox_creator") -> Credentials:
    return await credentials_for(sandbox, await connect(sandbox, username))


def media_file(
    path: Path = FRIDAY,
    *,
    duration: float = 6.17,
    width: int = 640,
    height: int = 480,
    content_type: str = "video/mp4",
) -> MediaFile:
    return MediaFile(
        path=path,
        size_bytes=path.stat().st_size,
        duration_seconds=duration,
        width=width,
        height=height,
        content_type=content_type,
    )


def padded_video(folder: Path, size_bytes: int, source: Path = FRIDAY) -> MediaFile:
    """A real MP4 followed by zero bytes up to ``size_bytes``: still a valid video (players and
    ffmpeg ignore trailing bytes), big enough to need several chunks."""
    path = folder / f"padded_{size_bytes}.mp4"
    shutil.copyfile(source, path)
    with path.open("ab") as file:
        file.write(b"\0" * (size_bytes - path.stat().st_size))
    return media_file(path)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sandbox_config(sandbox: Sandbox, **changes: Any) -> dict[str, Any]:
    response = httpx.put(f"{sandbox.url}/tiktok/_sandbox/config", json=changes, timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def sandbox_upload(sandbox: Sandbox, publish_id: str) -> dict[str, Any]:
    response = httpx.get(f"{sandbox.url}/tiktok/_sandbox/uploads/{publish_id}", timeout=10)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def sandbox_revoke(sandbox: Sandbox, remote_account_id: str) -> None:
    response = httpx.post(
        f"{sandbox.url}/tiktok/_sandbox/revoke",
        json={"remote_account_id": remote_account_id},
        timeout=10,
    )
    response.raise_for_status()


async def wait_for_phase(
    publisher: Any,
    credentials: Credentials,
    ticket: Any,
    phases: tuple[str, ...] = ("published", "failed"),
    *,
    within_seconds: float = 15.0,
) -> Any:
    """Polls status() until its phase is one of ``phases`` (fails the test at the deadline)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_seconds
    while True:
        state = await publisher.status(credentials, ticket)
        if state.phase in phases:
            return state
        assert loop.time() < deadline, f"still {state.phase} after {within_seconds} s"
        await asyncio.sleep(0.1)


@contextmanager
def webhook_receiver() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    """A server that records every webhook POSTed to it: yields (url, [(headers, body)])."""
    received: list[tuple[dict[str, str], bytes]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {key.decode().lower(): value.decode() for key, value in scope["headers"]}
        received.append((headers, body))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    with serving(app) as url:
        yield f"{url}/webhooks/tiktok", received


LEVELS = {"public": "PUBLIC_TO_EVERYONE", "private": "SELF_ONLY", "unlisted": "FOLLOWER_OF_CREATOR"}


def choices(privacy_level: str = "PUBLIC_TO_EVERYONE", **overrides: Any) -> dict[str, Any]:
    """A user's choices for a Direct Post: everything allowed, nothing disclosed, unless said."""
    return {
        "privacy_level": privacy_level,
        "disable_comment": False,
        "disable_duet": False,
        "disable_stitch": False,
        "brand_content_toggle": False,
        "brand_organic_toggle": False,
        "is_aigc": False,
        **overrides,
    }


def tiktok_post(
    caption: str, *, privacy: Privacy = "public", mode: PostMode = "direct", **overrides: Any
) -> PostSpec:
    """A post with the user's choices made (drafts take none: they are made in the app)."""
    options = {} if mode == "draft" else choices(LEVELS[privacy], **overrides)
    return PostSpec(caption=caption, privacy=privacy, mode=mode, options=options)
