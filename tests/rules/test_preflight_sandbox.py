"""Every upload the sandbox refuses for its format is refused by us first, with the same fault
in words, and the platform never hears of it (no container, no publish, no upload session).

The sandbox's format refusals, and which test here stands for each:
- Instagram: caption over 2,200 characters (2207010), over 30 hashtags, over 20 mentions
  (2207040), a video outside 3-900 s (2207026), a file that is no MP4/MOV (2207026), a cover
  offset past the end (2207057).
- TikTok: a caption over 2,200 UTF-16 units, a non-SELF_ONLY post from an unaudited client,
  the daily post cap (spam_risk_too_many_posts, a wait), video_size over 4 GB, and processing's
  file_format / frame_rate / picture_size / duration_check_failed.
- YouTube: a title over 100 characters or with < > (an empty one never leaves: the caption's
  first line or a fallback stands in), a description over 5,000 bytes or
  with < > (invalidTitle, invalidDescription), a file over the size limit (uploadTooLarge), a
  file that is no video (invalidFile, tooSmall, emptyFile), the per-channel upload cap.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from backend.models import LedgerEvent, Publication, Variant
from core.ffmpeg import find_ffmpeg


def nothing_reached(world, platform: str) -> None:
    """The platform holds no trace of an upload: no container, publish or upload session."""
    stats: Any = world.sandbox.stats()[platform]
    seen = {"instagram": "containers", "tiktok": "publishes", "youtube": "sessions"}[platform]
    assert stats[seen] == 0, stats


async def change_rules(world, platform: str, **changes: Any) -> None:
    """Propose and approve (the world's admin is the instance's only admin) a rules change."""
    proposed = await world.api.post(
        "/v1/platform-rules",
        json={"platform": platform, "rules": changes, "note": "test"},
        headers=world.headers,
    )
    assert proposed.status_code == 201, proposed.text
    approved = await world.api.post(
        f"/v1/platform-rules/{proposed.json()['id']}/approve", json={}, headers=world.headers
    )
    assert approved.status_code == 200, approved.text


async def edit(world, publication_id: str, **fields: Any) -> Publication:
    """Change the stored publication directly (as an edit after approval would)."""
    publication = await world.session.get(Publication, uuid.UUID(publication_id))
    for name, value in fields.items():
        setattr(publication, name, value)
    await world.session.commit()
    return publication


async def refused_before_upload(world, platform: str, publication_id: str) -> dict[str, Any]:
    assert await world.run_until_final(publication_id) == ["failed"]
    failed = await world.publication(publication_id)
    assert failed["error_reason"] == "preflight_failed", failed
    assert failed["error"].startswith("Not sent, because")
    trail = await world.trail(publication_id)
    assert "publication.preflight_failed" in trail
    assert "publication.uploading" not in trail
    nothing_reached(world, platform)
    event = await world.session.scalar(
        select(LedgerEvent).where(
            LedgerEvent.type == "publication.preflight_failed",
            LedgerEvent.publication_id == uuid.UUID(publication_id),
        )
    )
    failed["codes"] = [problem["code"] for problem in event.payload["problems"]]
    return failed


CAPTION_FAULTS = [
    ("instagram", {"caption": "x" * 2201}, "caption_too_long", "2,201 characters"),
    ("instagram", {"caption": " ".join(f"#t{i}" for i in range(31))}, "too_many_hashtags", "31"),
    ("instagram", {"caption": " ".join(f"@u{i}" for i in range(21))}, "too_many_mentions", "21"),
    ("tiktok", {"caption": "\U0001f600" * 1101}, "caption_too_long", "2,202 characters"),
    ("youtube", {"caption": "ok", "title": "t" * 101}, "title_too_long", "101 characters"),
    ("youtube", {"caption": "a <b> c"}, "forbidden_characters", "< or >"),
    ("youtube", {"caption": "é" * 2600}, "caption_too_long", "5,200 bytes"),
]


@pytest.mark.parametrize(("platform", "fields", "code", "words"), CAPTION_FAULTS)
async def test_a_caption_or_title_the_platform_refuses_never_leaves(
    world, platform, fields, code, words
):
    account = await world.connect(platform, f"{platform}_writer")
    publication_id = await world.approve(account, "fine at approval")
    await edit(world, publication_id, **fields)

    failed = await refused_before_upload(world, platform, publication_id)
    assert code in failed["codes"]
    assert words in failed["error"]


RULE_FAULTS = [
    # Each platform's duration limit, made shorter than the 4 s clip.
    ("instagram", {"min_duration_seconds": 5}, "duration_too_short", "needs at least 5 s"),
    ("tiktok", {"max_duration_seconds": 3}, "duration_too_long", "TikTok accepts at most 3 s"),
    ("youtube", {"max_duration_seconds": 3}, "duration_too_long", "accepts at most 3 s"),
    # TikTok's 4 GB and YouTube's upload size limit, made smaller than the file.
    ("tiktok", {"max_size_bytes": 1000}, "file_too_large", "accepts at most 0 MB"),
    ("youtube", {"max_size_bytes": 1000}, "file_too_large", "accepts at most 0 MB"),
    # TikTok's picture_size_check_failed.
    ("tiktok", {"max_side_px": 1280}, "resolution_too_large", "at most 1280 px"),
]


@pytest.mark.parametrize(("platform", "changes", "code", "words"), RULE_FAULTS)
async def test_a_video_the_active_rules_refuse_never_leaves(world, platform, changes, code, words):
    account = await world.connect(platform, f"{platform}_shooter")
    publication_id = await world.approve(account, "approved before the rules changed")
    await change_rules(world, platform, **changes)

    failed = await refused_before_upload(world, platform, publication_id)
    assert code in failed["codes"]
    assert words in failed["error"]


async def test_an_instagram_cover_after_the_end_never_leaves(world):
    account = await world.connect("instagram", "cover_lover")
    publication_id = await world.approve(account, "cover")
    publication = await world.session.get(Publication, uuid.UUID(publication_id))
    variant = await world.session.get(Variant, publication.variant_id)
    variant.checks = {**variant.checks, "cover_offset_ms": 10_000}
    await world.session.commit()

    failed = await refused_before_upload(world, "instagram", publication_id)
    assert failed["codes"] == ["cover_after_end"]


async def test_an_unaudited_tiktok_app_posts_only_privately(world):
    account = await world.connect("tiktok", "unaudited")
    publication_id = await world.approve(account, "public, hopefully")
    assert await world.run(publication_id, tiktok_client_audited=False) == "failed"
    failed = await world.publication(publication_id)
    assert failed["error_reason"] == "preflight_failed"
    assert "may only post as SELF_ONLY" in failed["error"]
    assert "PUBLIC_TO_EVERYONE" in failed["error"]
    nothing_reached(world, "tiktok")


@pytest.mark.parametrize("platform", ["tiktok", "youtube"])
async def test_an_account_at_its_daily_post_cap_waits_without_asking(world, platform):
    await change_rules(world, platform, posts_per_day=1)
    account = await world.connect(platform, f"{platform}_busy")
    first = await world.approve(account, "first of the day")
    assert (await world.run_until_final(first))[-1] == "published"
    before: Any = world.sandbox.stats()[platform]
    second = await world.approve(account, "second of the day")

    assert await world.run(second) == "deferred"
    deferred = await world.publication(second)
    assert deferred["state"] == "scheduled"
    assert deferred["next_attempt_at"] is not None
    after = world.sandbox.stats()[platform]
    for count in ("publishes", "sessions", "containers"):  # not even the start of an upload
        assert after.get(count) == before.get(count), count
    assert "publication.deferred" in await world.trail(second)


async def test_a_post_outside_the_posting_windows_waits_for_the_next_one(world):
    # A window that closed a minute ago and reopens tomorrow at the same time.
    now = datetime.now(UTC)
    start, end = (now - timedelta(hours=2)), (now - timedelta(minutes=1))
    if start.date() != end.date():  # around midnight: a window later today instead
        start, end = now + timedelta(minutes=5), now + timedelta(minutes=10)
    window = {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}
    await change_rules(world, "instagram", posting_windows=[window])
    account = await world.connect("instagram", "night_owl")
    publication_id = await world.approve(account, "when the window opens")

    assert await world.run(publication_id) == "deferred"
    deferred = await world.publication(publication_id)
    assert deferred["next_attempt_at"] is not None
    nothing_reached(world, "instagram")


async def _replace_file(world, publication_id: str, source: Path | bytes) -> None:
    """Put another file where the publication's rendered variant is (its row unchanged)."""
    publication = await world.session.get(Publication, uuid.UUID(publication_id))
    variant = await world.session.get(Variant, publication.variant_id)
    target = world.sandbox.settings.media_dir / variant.storage_key
    if isinstance(source, bytes):
        target.write_bytes(source)
    else:
        shutil.copyfile(source, target)
    variant.checks = {}
    await world.session.commit()


async def refused_by_file_check(world, platform: str, publication_id: str) -> str:
    assert await world.run_until_final(publication_id) == ["failed"]
    failed = await world.publication(publication_id)
    assert failed["error_reason"] == "media_check_failed", failed
    assert "publication.uploading" not in await world.trail(publication_id)
    nothing_reached(world, platform)
    error: str = failed["error"]
    return error


@pytest.mark.parametrize("platform", ["instagram", "tiktok", "youtube"])
async def test_a_file_that_is_no_video_never_leaves(world, platform):
    # Instagram: "not an MP4 or MOV file"; TikTok: file_format_check_failed; YouTube: tooSmall.
    account = await world.connect(platform, f"{platform}_broken")
    publication_id = await world.approve(account, "broken file")
    await _replace_file(world, publication_id, b"not a video at all " * 40)

    error = await refused_by_file_check(world, platform, publication_id)
    assert "The video cannot be read" in error


@pytest.fixture(scope="session")
def odd_video(scratch_dir: Path) -> Path:
    """MPEG-4 Part 2 at 15 fps, 320x240: what TikTok's processing refuses three times over."""
    path = scratch_dir / "rules" / "odd.mp4"
    path.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            find_ffmpeg(None), "-hide_banner", "-nostdin", "-y", "-v", "error",
            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=15:duration=4",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4",
            "-c:v", "mpeg4", "-c:a", "aac", "-shortest", str(path),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return path


async def test_tiktok_processing_refusals_are_found_in_the_file_first(world, odd_video):
    # file_format_check_failed (codec), frame_rate_check_failed, picture_size_check_failed.
    account = await world.connect("tiktok", "odd_one")
    publication_id = await world.approve(account, "odd file")
    await _replace_file(world, publication_id, odd_video)

    error = await refused_by_file_check(world, "tiktok", publication_id)
    assert "The video is encoded as mpeg4; TikTok accepts h264, hevc, vp8, vp9" in error
    assert "The video runs at 15 frames a second; TikTok accepts 23 to 60" in error
    assert "320x240; TikTok needs at least 360 px on each side" in error
