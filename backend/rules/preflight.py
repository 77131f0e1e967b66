"""The pre-flight check: what a platform would refuse of a post, found before anything is sent.

A pure function over plain facts (the file, the post, the account's recent posts) and a
platform's rules, so the publishing engine (on the probed file) and the API (on what the variant
row records) ask the same question. A problem with ``retry_at`` passes by itself then (a quota,
a posting window): publishing waits for it; any other problem fails the post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend.platforms.registry import display_name
from backend.rules.schemas import PlatformRulesDoc
from backend.rules.timing import DAY, PostFacts, Problem, next_window_start, timing_problems

_HASHTAG = re.compile(r"(?<!\w)#\w")
_MENTION = re.compile(r"(?<!\w)@[\w.]")
ASPECT_TOLERANCE = 0.02
_UNITS = {"characters": "characters", "utf16_units": "characters", "bytes": "bytes"}


@dataclass(frozen=True)
class MediaFacts:
    """What is known of the file; None where it is not known (not checked then)."""

    duration_seconds: float | None = None
    size_bytes: int | None = None
    width: int | None = None
    height: int | None = None
    formats: tuple[str, ...] | None = None  # the container's names, as ffmpeg gives them
    video_codec: str | None = None
    audio_codec: str | None = None
    fps: float | None = None
    cover_offset_ms: int | None = None
    unreadable: str | None = None  # why the file could not be read as a video


def text_length(text: str, unit: str) -> int:
    """A text's length as the platform counts it (``caption_unit`` of its rules)."""
    if unit == "bytes":
        return len(text.encode())
    if unit == "utf16_units":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def _ratio(ratio: str) -> float:
    width, _, height = ratio.partition(":")
    return int(width) / int(height)


def media_problems(platform: str, media: MediaFacts, rules: PlatformRulesDoc) -> list[Problem]:
    name = display_name(platform)
    if media.unreadable:
        return [Problem("unreadable", "video", f"The video cannot be read: {media.unreadable}.")]
    found: list[Problem] = []

    def add(code: str, field: str, message: str) -> None:
        found.append(Problem(code, field, message))

    seconds = media.duration_seconds
    if seconds is not None and seconds > rules.max_duration_seconds:
        add(
            "duration_too_long",
            "duration",
            f"The video is {seconds:.1f} s long; {name} "
            f"accepts at most {rules.max_duration_seconds:g} s.",
        )
    if seconds is not None and seconds < rules.min_duration_seconds:
        add(
            "duration_too_short",
            "duration",
            f"The video is {seconds:.1f} s long; {name} "
            f"needs at least {rules.min_duration_seconds:g} s.",
        )
    if media.size_bytes is not None and media.size_bytes > rules.max_size_bytes:
        add(
            "file_too_large",
            "size",
            f"The file is {media.size_bytes / 1e6:,.1f} MB; {name} "
            f"accepts at most {rules.max_size_bytes / 1e6:,.0f} MB.",
        )
    if media.formats is not None and not set(media.formats) & set(rules.containers):
        add(
            "container_not_accepted",
            "container",
            f"The file is {'/'.join(media.formats)}; {name} accepts {', '.join(rules.containers)}.",
        )
    if media.video_codec is not None and media.video_codec not in rules.video_codecs:
        add(
            "video_codec_not_accepted",
            "video_codec",
            f"The video is encoded as "
            f"{media.video_codec}; {name} accepts {', '.join(rules.video_codecs)}.",
        )
    if media.audio_codec is not None and media.audio_codec not in rules.audio_codecs:
        add(
            "audio_codec_not_accepted",
            "audio_codec",
            f"The sound is encoded as "
            f"{media.audio_codec}; {name} accepts {', '.join(rules.audio_codecs)}.",
        )
    if media.fps is not None and not rules.min_fps <= round(media.fps, 3) <= rules.max_fps:
        add(
            "frame_rate_not_accepted",
            "fps",
            f"The video runs at {media.fps:g} frames a "
            f"second; {name} accepts {rules.min_fps:g} to {rules.max_fps:g}.",
        )
    if media.width and media.height:
        found += _picture_problems(name, media.width, media.height, rules)
    if (
        media.cover_offset_ms is not None
        and seconds is not None
        and media.cover_offset_ms >= seconds * 1000
    ):
        add(
            "cover_after_end",
            "cover",
            f"The cover is taken at {media.cover_offset_ms} ms, "
            f"after the video ends ({seconds * 1000:.0f} ms).",
        )
    return found


def _picture_problems(name: str, width: int, height: int, rules: PlatformRulesDoc) -> list[Problem]:
    found = []
    short, long = min(width, height), max(width, height)
    if rules.min_side_px and short < rules.min_side_px:
        found.append(
            Problem(
                "resolution_too_small",
                "resolution",
                f"The video is {width}x"
                f"{height}; {name} needs at least {rules.min_side_px} px on each side.",
            )
        )
    if rules.max_side_px and long > rules.max_side_px:
        found.append(
            Problem(
                "resolution_too_large",
                "resolution",
                f"The video is {width}x"
                f"{height}; {name} accepts at most {rules.max_side_px} px on a side.",
            )
        )
    shape = width / height
    if not any(abs(shape / _ratio(r) - 1) <= ASPECT_TOLERANCE for r in rules.aspect_ratios):
        shapes = ", ".join(rules.aspect_ratios)
        found.append(
            Problem(
                "aspect_ratio_not_accepted",
                "aspect_ratio",
                f"The video is {width}x{height}; {name} accepts the shapes {shapes}.",
            )
        )
    return found


def post_problems(platform: str, post: PostFacts, rules: PlatformRulesDoc) -> list[Problem]:
    name = display_name(platform)
    found: list[Problem] = []
    size = text_length(post.caption, rules.caption_unit)
    if size > rules.caption_max_chars:
        unit = _UNITS[rules.caption_unit]
        found.append(
            Problem(
                "caption_too_long",
                "caption",
                f"The caption has {size:,} {unit}; "
                f"{name} accepts at most {rules.caption_max_chars:,}.",
            )
        )
    hashtags = len(_HASHTAG.findall(post.caption))
    if rules.hashtags_max is not None and hashtags > rules.hashtags_max:
        found.append(
            Problem(
                "too_many_hashtags",
                "caption",
                f"The caption has {hashtags} "
                f"hashtags; {name} accepts at most {rules.hashtags_max}.",
            )
        )
    mentions = len(_MENTION.findall(post.caption))
    if rules.mentions_max is not None and mentions > rules.mentions_max:
        found.append(
            Problem(
                "too_many_mentions",
                "caption",
                f"The caption has {mentions} "
                f"@-mentions; {name} accepts at most {rules.mentions_max}.",
            )
        )
    if rules.title_max_chars is not None:
        if not post.title.strip():
            found.append(
                Problem(
                    "title_missing",
                    "title",
                    f"{name} needs a title; give one, or start the caption with a line of text.",
                )
            )
        elif len(post.title) > rules.title_max_chars:
            found.append(
                Problem(
                    "title_too_long",
                    "title",
                    f"The title has {len(post.title)} "
                    f"characters; {name} accepts at most {rules.title_max_chars}.",
                )
            )
    for field, text in (("caption", post.caption), ("title", post.title)):
        refused = sorted({mark for mark in rules.forbidden_characters if mark in text})
        if refused:
            found.append(
                Problem(
                    "forbidden_characters",
                    field,
                    f"{name} does not accept {' or '.join(refused)} in the {field}.",
                )
            )
    allowed = post.allowed_privacy_levels
    if allowed is not None and post.privacy_level is not None and post.privacy_level not in allowed:
        found.append(
            Problem(
                "privacy_not_allowed",
                "privacy_level",
                f"Stakazo's {name} app is not audited by {name} yet, so it may only post as "
                f"{' or '.join(allowed)}; this post asks for {post.privacy_level}.",
            )
        )
    found += timing_problems(name, post, rules)
    return found


def check(
    platform: str, media: MediaFacts, post: PostFacts, rules: PlatformRulesDoc
) -> list[Problem]:
    return media_problems(platform, media, rules) + post_problems(platform, post, rules)


__all__ = ["DAY", "MediaFacts", "PostFacts", "Problem", "check", "next_window_start"]
