"""One platform variant of one clip: follow the subject, caption from the transcript, render."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.caption_presets import CaptionStyle, resolve
from workers.media.caption_layout import CaptionEvent, build_events, row_chars
from workers.media.encoding import RENDER_X264, X264
from workers.media.reframe import follow_subject
from workers.media.render import RenderResult, render_variant
from workers.media.timeline import Word


@dataclass(frozen=True)
class RenderedVariant:
    video: Path
    cover: Path
    preview: Path
    result: RenderResult


def words_to_captions(
    words: Sequence[Word],
    start: float,
    end: float,
    style: CaptionStyle,
    area: dict[str, float],
) -> list[CaptionEvent]:
    """Caption events on the source timeline, their rows as wide as the safe area allows on the
    1080x1920 upload (``area``: its margins; the preview is scaled from the same script)."""
    usable = 1 - area["left"] - area["right"]
    return build_events(words, start, end, style, max_chars=row_chars(style, 1080, 1920, usable))


def render_clip(
    source: Path,
    workdir: Path,
    *,
    start: float,
    end: float,
    rules: dict[str, Any],
    words: Sequence[Word] | None,
    captions: bool,
    timeout: float,
    progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    caption_area: dict[str, float] | None = None,
    caption_style: CaptionStyle | None = None,
    encoder: X264 = RENDER_X264,
    removed: Sequence[tuple[float, float]] | None = None,
) -> RenderedVariant:
    """Follow the subject over [start, end) and render it for ``rules``; captions (from
    ``words``) sit inside ``caption_area`` when given (see master.caption_area), else inside
    the platform's own safe area. ``removed``: source ranges cut out (workers/media/removals.py)."""
    workdir.mkdir(parents=True, exist_ok=True)
    crop = follow_subject(source, start=start, end=end, timeout=timeout, cancel=cancel)
    style = caption_style or resolve(None)
    area = caption_area or rules["safe_area"]
    lines = words_to_captions(words, start, end, style, area) if captions and words else None
    video, cover, preview = workdir / "video.mp4", workdir / "cover.jpg", workdir / "preview.mp4"
    result = render_variant(
        source,
        video,
        start=start,
        end=end,
        rules=rules,
        crop_path=crop,
        captions=lines,
        caption_style=style,
        cover_path=cover,
        preview_path=preview,
        progress=progress,
        cancel=cancel,
        timeout=timeout,
        caption_area=caption_area,
        encoder=encoder,
        removed=removed,
    )
    return RenderedVariant(video, cover, preview, result)
