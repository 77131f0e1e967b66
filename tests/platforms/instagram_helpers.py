"""Connecting an Instagram sandbox account the way a user does, and driving a Reel through the
real client. For Instagram's own tests and for the publishing engine's.

    grant = await connect(sandbox, "maria.creates")        # consent page -> code -> 60-day token
    credentials = await credentials_for(sandbox, grant)    # + the account id (GET /me)
    media = hosted(sandbox, path)                          # + a signed link Instagram can fetch
    state = await publish_reel(sandbox, credentials, media, PostSpec(caption="hi"))

``facebook_login(sandbox, "maria.creates")`` gives credentials as Facebook Login for Business
would (its consent is Facebook's, not emulated): those publish by resumable upload.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import shutil
import struct
import time
import uuid
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from backend.media.service import public_url
from backend.platforms.base import (
    Credentials,
    MediaFile,
    PostSpec,
    RemotePhase,
    RemoteState,
    TokenGrant,
    UploadTicket,
)
from backend.platforms.instagram import InstagramOAuth, InstagramPublisher
from backend.platforms.instagram.oauth import SCOPES
from backend.platforms.registry import redirect_uri
from sandbox.instagram.media import inspect_mp4
from tests.paths import TEST_MEDIA
from tests.platforms.conftest import Sandbox
from tests.platforms.consent import ConsentForm

MEDIA = TEST_MEDIA
SINTEL = MEDIA / "sintel_fast_cuts_640x360.mp4"  # 10 s, H.264, MP4
FRIDAY = MEDIA / "his_girl_friday_dialogue.mp4"  # 6.2 s, H.264 + AAC, MP4
GRID_MPEG_PS = MEDIA / "grid_swwp2s_talking_head.mpg"  # MPEG-1 program stream: not MP4/MOV


async def consent(
    sandbox: Sandbox, username: str, *, allow: bool = True, scopes: tuple[str, ...] = SCOPES
) -> dict[str, str]:
    """Opens the consent page, fills the username, presses Allow (or Deny); returns the query of
    the redirect to our callback (``code`` and ``state``, or ``error``)."""
    oauth = InstagramOAuth(sandbox.settings, scopes=scopes)
    state = secrets.token_urlsafe(8)
    url = oauth.authorization_url(
        state=state, redirect_uri=redirect_uri(sandbox.settings, "instagram"), code_challenge=None
    )
    async with httpx.AsyncClient(timeout=10) as client:
        page = await client.get(url)
        assert page.status_code == 200, page.text
        form = ConsentForm()
        form.feed(page.text)
        assert "username" in form.fields, "the consent page has no username field"
        fields = {**form.fields, "username": username, "decision": "allow" if allow else "deny"}
        answer = await client.post(form.action, data=fields)
    assert answer.status_code == 302, answer.text
    location = urlsplit(answer.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == redirect_uri(
        sandbox.settings, "instagram"
    )
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert query.get("state") == state
    return query


async def connect(
    sandbox: Sandbox, username: str, *, scopes: tuple[str, ...] = SCOPES
) -> TokenGrant:
    """An account connected through the consent page: the 60-day token, as the app keeps it."""
    query = await consent(sandbox, username, scopes=scopes)
    return await InstagramOAuth(sandbox.settings).exchange_code(
        code=query["code"],
        redirect_uri=redirect_uri(sandbox.settings, "instagram"),
        code_verifier=None,
    )


async def credentials_for(sandbox: Sandbox, grant: TokenGrant) -> Credentials:
    account = await InstagramOAuth(sandbox.settings).fetch_account(grant.access_token)
    return Credentials(
        access_token=grant.access_token, remote_account_id=account.remote_id, scopes=grant.scopes
    )


def facebook_login(sandbox: Sandbox, username: str) -> Credentials:
    """An account connected through Facebook Login for Business (the sandbox issues the token
    that flow ends with)."""
    answer = _control(sandbox, "POST", "/facebook_login", json={"username": username})
    return Credentials(
        access_token=answer["access_token"],
        remote_account_id=answer["user_id"],
        scopes=tuple(answer["scopes"]),
    )


async def connected(sandbox: Sandbox, username: str) -> tuple[TokenGrant, Credentials]:
    grant = await connect(sandbox, username)
    return grant, await credentials_for(sandbox, grant)


def publisher(sandbox: Sandbox, **options: Any) -> InstagramPublisher:
    return InstagramPublisher(sandbox.settings, **options)


def video_file(path: Path, *, width: int = 640, height: int = 360) -> MediaFile:
    try:
        duration = inspect_mp4(path.read_bytes()).duration_seconds or 0.0
    except ValueError:
        duration = 0.0
    return MediaFile(
        path=path,
        size_bytes=path.stat().st_size,
        duration_seconds=duration,
        width=width,
        height=height,
        content_type="video/mp4" if path.suffix == ".mp4" else "video/mpeg",
    )


def hosted(sandbox: Sandbox, media: MediaFile | Path, cover: Path | None = None) -> MediaFile:
    """The file (and cover) in our storage, with the signed public links the engine gives a
    publisher: what Instagram fetches for video_url and cover_url."""
    media = video_file(media) if isinstance(media, Path) else media
    settings = sandbox.settings
    prefix = f"tests/instagram/{uuid.uuid4().hex}"
    links: dict[str, str | None] = {"url": None, "cover_url": None}
    for name, source, target in (
        ("url", media.path, "video.mp4"),
        ("cover_url", cover, "cover.jpg"),
    ):
        if source is None:
            continue
        key = f"{prefix}/{target}"
        (settings.media_dir / key).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, settings.media_dir / key)
        links[name] = public_url(settings, key)
    return replace(media, url=links["url"], cover_url=links["cover_url"])


def padded_video(source: Path, target: Path, size: int) -> MediaFile:
    """``source`` grown to ``size`` bytes by a trailing ``free`` box: still a valid MP4 of the
    same duration, for tests where only the size matters."""
    shutil.copyfile(source, target)
    padding = size - source.stat().st_size
    assert padding >= 8, "the target size must leave room for a box header"
    with target.open("ab") as out:
        out.write(struct.pack(">I4s", padding, b"free"))
        out.write(b"\0" * (padding - 8))
    return video_file(target)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the sandbox's control API for Instagram -----------------------------------------------------


def _control(sandbox: Sandbox, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx.request(
        method, f"{sandbox.url}/instagram/_sandbox{path}", timeout=10, **kwargs
    )
    response.raise_for_status()
    return response.json()


def configure(sandbox: Sandbox, **changes: Any) -> dict[str, Any]:
    """Changes the emulator's knobs (see ``SandboxConfig``); returns the whole config."""
    result: dict[str, Any] = _control(sandbox, "PUT", "/config", json=changes)
    return result


def revoke(sandbox: Sandbox, remote_account_id: str) -> None:
    """As when the user removes the app in Instagram's settings."""
    _control(sandbox, "POST", "/revoke", json={"remote_account_id": remote_account_id})


def container(sandbox: Sandbox, container_id: str) -> dict[str, Any]:
    """What the sandbox holds for a container: received_bytes, file_size, sha256, status_code."""
    result: dict[str, Any] = _control(sandbox, "GET", f"/containers/{container_id}")
    return result


def posts(sandbox: Sandbox) -> list[dict[str, Any]]:
    stats: Any = sandbox.stats()["instagram"]
    return list(stats["posts"])


# --- driving the publisher -----------------------------------------------------------------------


def acknowledged(ticket: UploadTicket, media: MediaFile) -> UploadTicket:
    """The ticket as the engine keeps it once the platform acknowledged the whole upload."""
    extra = {
        **ticket.extra,
        "uploaded_bytes": str(media.size_bytes),
        "uploaded_at": str(time.time()),
    }
    return replace(ticket, extra=extra)


async def wait_for_phase(
    pub: InstagramPublisher,
    credentials: Credentials,
    ticket: UploadTicket,
    phases: Iterable[RemotePhase],
    *,
    within_seconds: float = 10.0,
) -> RemoteState:
    """Polls ``status`` until it reports one of ``phases``; fails after ``within_seconds``."""
    wanted = set(phases)
    deadline = time.monotonic() + within_seconds
    while True:
        state = await pub.status(credentials, ticket)
        if state.phase in wanted:
            return state
        assert time.monotonic() < deadline, f"still {state} after {within_seconds} s"
        await asyncio.sleep(0.05)


async def publish_reel(
    sandbox: Sandbox, credentials: Credentials, media: MediaFile, post: PostSpec
) -> RemoteState:
    """The engine's happy path: begin, upload (resumable only), wait until ready, publish."""
    _, state = await reel(sandbox, credentials, media, post)
    return state


async def reel(
    sandbox: Sandbox, credentials: Credentials, media: MediaFile, post: PostSpec
) -> tuple[UploadTicket, RemoteState]:
    """``publish_reel``, with the ticket it went through."""
    pub = publisher(sandbox)
    ticket = await pub.begin(credentials, media, post)
    state = await pub.status(credentials, ticket)
    if state.phase == "uploading":
        await pub.upload(credentials, ticket, media, offset=state.uploaded_bytes)
        ticket = acknowledged(ticket, media)
    await wait_for_phase(pub, credentials, ticket, ["ready"])
    return ticket, await pub.publish(credentials, ticket, post)
