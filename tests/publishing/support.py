"""What publishing tests share: a video that meets every platform's rules, a clip with ready
variants of it, and a person's click on a sandbox consent page."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from backend.config import Settings
from backend.models import Clip, Variant, Workspace
from backend.platforms.base import PLATFORMS
from core.ffmpeg import find_ffmpeg
from tests.factories import create_clip
from tests.platforms.consent import ConsentForm

VARIANT_SECONDS = 4


def make_compliant_video(path: Path) -> Path:
    """1080x1920 H.264 High 30 fps + AAC 48 kHz stereo, faststart: what PLATFORM_RULES_V1 ask."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            find_ffmpeg(None), "-hide_banner", "-nostdin", "-y", "-v", "error",
            "-f", "lavfi", "-i", f"testsrc2=size=1080x1920:rate=30:duration={VARIANT_SECONDS}",
            "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={VARIANT_SECONDS}",
            "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-preset", "veryfast",
            "-c:a", "aac", "-ac", "2", "-ar", "48000", "-b:a", "128k",
            "-movflags", "+faststart", "-shortest", str(path),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return path


async def clip_with_variants(
    session: AsyncSession, settings: Settings, workspace: Workspace, video: Path
) -> tuple[Clip, dict[str, Variant]]:
    """A clip whose three platform variants are rendered (a copy of ``video`` each)."""
    clip = await create_clip(session, workspace, start_seconds=0.0, end_seconds=VARIANT_SECONDS)
    variants: dict[str, Variant] = {}
    for platform in PLATFORMS:
        key = f"variants/{clip.id}/{platform}/video.mp4"
        target = settings.media_dir / key
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(video, target)
        variant = Variant(
            id=uuid.uuid4(),
            workspace_id=workspace.id,
            clip_id=clip.id,
            platform=platform,
            state="ready",
            storage_key=key,
            width=1080,
            height=1920,
            duration_seconds=float(VARIANT_SECONDS),
            size_bytes=target.stat().st_size,
            checks={"passed": True, "violations": []},
        )
        session.add(variant)
        variants[platform] = variant
    await session.flush()
    return clip, variants


def approve_consent(authorize_url: str, username: str) -> str:
    """Do what a person does on the sandbox's consent page: type a username, press Allow.
    Returns where the platform redirects the browser (our callback, with code and state)."""
    page = httpx.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.text
    form = ConsentForm()
    form.feed(page.text)
    assert form.allow is not None, "the consent page has no Allow button"
    fields = {**form.fields, form.allow[0]: form.allow[1]}
    for name in fields:
        if "user" in name.lower():
            fields[name] = username
    action = urljoin(authorize_url, form.action) if form.action else authorize_url
    answer = httpx.post(action, data=fields, timeout=10, follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text
    return answer.headers["location"]


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"
