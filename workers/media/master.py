"""One vertical master per clip: which platforms' variants one rendered file can serve.

Instagram, TikTok and YouTube ask for the same encode (1080x1920, 30 fps, H.264 High, 8 Mbit/s
target, AAC 48 kHz stereo); they differ in duration caps, caption safe areas and limits that
``check_output`` verifies after the fact. So a render is described by what goes into it (its
"master spec": the range, the duration after the platform's cap, the encode fields of the rules,
the caption lines and where they sit), and a platform whose spec matches an existing master gets
a copy of its files instead of an encode.

Captions sit inside the intersection of every platform's safe area (the largest of each margin),
so one captioned master serves them all; a master's captions fit a platform when their area lies
inside that platform's safe area, even if the rules changed since the master was rendered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from core.caption_presets import CaptionStyle
from workers.media.caption_layout import CaptionEvent
from workers.media.removals import played_duration, tidy_ranges

# Bumped whenever the same inputs would render a different file (reframing, encoder, captions
# style), so older masters are not handed out as if they were current.
MASTER_VERSION = 3
SIDES = ("top", "bottom", "left", "right")
# The rules a render reads; the others (max size, max bitrate, fps range...) are limits that
# check_output verifies on the finished file, for each platform on its own.
ENCODE_FIELDS = (
    "container", "video_codec", "profile", "pixel_format", "width", "height", "fps",
    "target_video_bitrate_kbps", "audio_codec", "audio_sample_rate", "audio_channels",
    "audio_bitrate_kbps", "faststart",
)  # fmt: skip


def caption_area(rules: Iterable[dict[str, Any]]) -> dict[str, float]:
    """The intersection of the platforms' safe areas, as margins (fractions of the frame)."""
    areas = [r["safe_area"] for r in rules]
    if not areas:
        raise ValueError("no platform rules to place captions for")
    return {side: max(float(area[side]) for area in areas) for side in SIDES}


def master_spec(
    rules: dict[str, Any],
    *,
    start: float,
    end: float,
    caption_lines: Sequence[CaptionEvent] | None,
    caption_area: dict[str, float] | None,
    caption_style: CaptionStyle | None = None,
    removed: Sequence[tuple[float, float]] | None = None,
) -> dict[str, Any]:
    """What a render of [start, end) for ``rules`` (less the ``removed`` ranges) depends on, as
    JSON-ready values."""
    captions = None
    if caption_lines:
        text = json.dumps(
            [
                [[round(w.start, 3), round(w.end, 3), w.text] for w in event.words]
                + [round(event.start, 3), round(event.end, 3), event.text]
                for event in caption_lines
            ]
            + [caption_style.as_dict() if caption_style else None]
        )
        area = caption_area or rules["safe_area"]
        captions = {
            "lines": hashlib.sha256(text.encode()).hexdigest()[:16],
            "area": {side: float(area[side]) for side in SIDES},
        }
    cuts = [[round(a, 3), round(b, 3)] for a, b in tidy_ranges(start, end, removed)]
    spec = {
        "version": MASTER_VERSION,
        "range": [round(start, 3), round(end, 3)],
        "duration": round(
            min(played_duration(start, end, removed), float(rules["max_duration_seconds"])), 3
        ),
        "encode": {field: rules.get(field) for field in ENCODE_FIELDS},
        "captions": captions,
    }
    # Only when there are cuts: the specs of masters rendered before cuts existed stay equal.
    if cuts:
        spec["removed"] = cuts
    return spec


def serves(master: dict[str, Any] | None, wanted: dict[str, Any], rules: dict[str, Any]) -> bool:
    """Can the render recorded as ``master`` stand in for the render ``wanted`` (a spec for
    ``rules``)? Everything equal, except that the captions may sit anywhere inside the
    platform's safe area."""
    if not master:
        return False
    same = ("version", "range", "duration", "encode", "removed")
    if any(master.get(key) != wanted.get(key) for key in same):
        return False
    have, want = master.get("captions"), wanted["captions"]
    if have is None or want is None:
        return have is None and want is None
    safe = rules["safe_area"]
    return bool(
        have.get("lines") == want["lines"]
        and all(float(have["area"][side]) >= float(safe[side]) for side in SIDES)
    )


def plan_masters(
    rules: dict[str, dict[str, Any]],
    *,
    start: float,
    end: float,
    caption_lines: Sequence[CaptionEvent] | None,
    caption_style: CaptionStyle | None = None,
) -> list[list[str]]:
    """Platforms grouped by the master they can share (each group is rendered once, for its
    first platform), in the order given."""
    area = caption_area(rules.values()) if caption_lines else None
    groups: list[tuple[dict[str, Any], list[str]]] = []
    for platform, platform_rules in rules.items():
        spec = master_spec(platform_rules, start=start, end=end, caption_lines=caption_lines,
                           caption_area=area, caption_style=caption_style)  # fmt: skip
        for master, members in groups:
            if serves(master, spec, platform_rules):
                members.append(platform)
                break
        else:
            groups.append((spec, [platform]))
    return [members for _, members in groups]
