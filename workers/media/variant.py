"""One platform variant of one clip: follow the subject, caption from the transcript, render."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workers.media.encoding import RENDER_X264, X264
from workers.media.reframe import follow_subject
from workers.media.render import RenderResult, render_variant
from workers.media.timeline import Word

CAPTION_MAX_WORDS = 5
CAPTION_MAX_SECONDS = 2.5
CAPTION_BREAK_GAP = 0.6  # a pause this long starts a new caption line


@dataclass(frozen=True)
class RenderedVariant:
    video: Path
    cover: Path
    preview: Path
    result: RenderResult


def words_to_captions(
    words: Sequence[Word], start: float, end: float
) -> list[tuple[float, float, str]]:
    """Short caption lines (a few words, broken at pauses) on the source timeline."""
    captions: list[tuple[float, float, str]] = []
    line: list[Word] = []

    def flush() -> None:
        if line:
            captions.append((line[0].start, line[-1].end, " ".join(w.text for w in line)))
            line.clear()

    for word in (w for w in words if start <= w.start and w.end <= end):
        if line and (
            len(line) >= CAPTION_MAX_WORDS
            or word.end - line[0].start > CAPTION_MAX_SECONDS
            or word.start - line[-1].end > CAPTION_BREAK_GAP
        ):
            flush()
        line.append(word)
    flush()
    return captions


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
    encoder: X264 = RENDER_X264,
) -> RenderedVariant:
    """Follow the subject over [start, end) and render it for ``rules``; captions (from
    ``words``) sit inside ``caption_area`` when given (see master.caption_area), else inside
    the platform's own safe area."""
    workdir.mkdir(parents=True, exist_ok=True)
    crop = follow_subject(source, start=start, end=end, timeout=timeout, cancel=cancel)
    lines = words_to_captions(words, start, end) if captions and words else None
    video, cover, preview = workdir / "video.mp4", workdir / "cover.jpg", workdir / "preview.mp4"
    result = render_variant(
        source,
        video,
        start=start,
        end=end,
        rules=rules,
        crop_path=crop,
        captions=lines,
        cover_path=cover,
        preview_path=preview,
        progress=progress,
        cancel=cancel,
        timeout=timeout,
        caption_area=caption_area,
        encoder=encoder,
    )
    return RenderedVariant(video, cover, preview, result)
