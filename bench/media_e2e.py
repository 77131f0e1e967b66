"""From a stored upload to 10 rendered vertical clips, staged as the tasks run it.

``media.process`` probes, analyses the opening's picture and sound, saves the opening's best clip
and queues its render, analyses the whole video (at a lower priority, so the render beside it
gets the cores), finds the other clips and queues their renders best first, then
``media.transcribe``; two worker processes take the jobs in that order. So here: probe ->
opening -> first clip's render in a pool of two processes -> the whole video -> the other
renders by score, then the speech step (speech, faces, clips refined). Reported: when the first
clip and the tenth were ready, and the speech step's own time.

Beside it, the encode floor: the same ten clips only decoded, cropped, scaled and encoded with
the render's x264 setting, two at a time, and nothing else (no analysis, no reframing, no
preview or cover). No pipeline built on this encoder delivers the clips sooner on this machine,
so it says how far a target is from what the hardware allows.
"""

from __future__ import annotations

import shutil
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.media_common import Context, Row


def _render(video: str, start: float, end: float, platform: str, workdir: str) -> float:
    """One clip for its best platform, as ``media.render_variant`` renders it; when it ended."""
    from backend.rules.defaults import PLATFORM_RULES_V1
    from workers.media.variant import render_clip

    render_clip(
        Path(video),
        Path(workdir),
        start=start,
        end=end,
        rules=PLATFORM_RULES_V1[platform],
        words=None,
        captions=False,
        timeout=3600,
    )
    return time.monotonic()


def _encode_only(video: str, start: float, end: float, platform: str) -> float:
    """Decode, crop the middle 9:16, scale to the platform's size and encode; nothing kept."""
    from backend.rules.defaults import PLATFORM_RULES_V1
    from workers.media.encoding import RENDER_X264
    from workers.media.runner import run_ffmpeg

    rules = PLATFORM_RULES_V1[platform]
    started = time.monotonic()
    run_ffmpeg(["-ss", f"{start:.6f}", "-t", f"{end - start:.6f}", "-i", video, "-an",
                "-vf", f"crop='floor(ih*9/16/2)*2':ih,fps={rules['fps']},"
                       f"scale={rules['width']}:{rules['height']}:flags={RENDER_X264.scale_flags}",
                *RENDER_X264.args(), "-profile:v", "high", "-f", "null", "-"],
               timeout=3600, what="encode floor")  # fmt: skip
    return time.monotonic() - started


def encode_floor(video: str, clips: list[tuple[float, float, str]]) -> float:
    """Wall seconds to encode ``clips`` (start, end, platform) two at a time."""
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(_encode_only, video, *clip) for clip in clips]:
            future.result()
    return round(time.monotonic() - started, 1)


def _speech_step(video: str, timeline: Any, spans: list[tuple[float, float]]) -> dict[str, Any]:
    """What ``media.transcribe`` runs: speech and faces, then the clips refined."""
    from backend.config import get_settings
    from backend.rules.defaults import PLATFORM_RULES_V1, SCORING_WEIGHTS_V1
    from workers.media.analyze import refine_analysis
    from workers.media.clips import refine_clips
    from workers.media.probe import probe
    from workers.media.segment import Candidate

    started = time.monotonic()
    source = Path(video)
    analysis = refine_analysis(source, probe(source), timeline, settings=get_settings())
    refined = refine_clips(
        [Candidate(a, b) for a, b in spans],
        analysis.timeline,
        weights=SCORING_WEIGHTS_V1,
        rules=PLATFORM_RULES_V1,
    )
    moved = sum(1 for (a, b), c in zip(spans, refined, strict=True) if (a, b) != (c.start, c.end))
    return {
        "started": started,
        "ended": time.monotonic(),
        "transcript": analysis.transcript_status,
        "words": len(analysis.timeline.words or []),
        "clips_moved": moved,
    }


def run(ctx: Context) -> dict[str, Any]:
    from backend.config import get_settings
    from workers.media.analyze import BACKGROUND_NICE, analyze_picture_and_sound
    from workers.media.clips import OPENING_CLIPS_END_BY, OPENING_SECONDS
    from workers.media.probe import probe

    settings = get_settings()
    started = time.monotonic()
    stored = ctx.scratch / "stored.mp4"
    shutil.copy(ctx.video, stored)
    info = probe(stored)
    opening = analyze_picture_and_sound(stored, info, settings=settings, until=OPENING_SECONDS)
    [first] = _clips(opening, top_n=1, end_by=OPENING_CLIPS_END_BY)
    opened = time.monotonic() - started
    with ProcessPoolExecutor(max_workers=2) as pool:
        # Submitted in queue order: the first clip, then the others best first, then speech.
        renders: list[Future[float]] = [_submit(pool, stored, first, ctx.scratch / "e2e-first")]
        timeline = analyze_picture_and_sound(stored, info, settings=settings, nice=BACKGROUND_NICE)
        analysed = time.monotonic() - started
        clips = _clips(timeline, kept=[(first.start, first.end)])
        renders += [
            _submit(pool, stored, clip, ctx.scratch / f"e2e-{rank}")
            for rank, clip in enumerate(clips)
            if (clip.start, clip.end) != (first.start, first.end)
        ]
        speech = pool.submit(_speech_step, str(stored), timeline, [(c.start, c.end) for c in clips])
        ready = [future.result() - started for future in renders]
        spoken = speech.result()
    wall = round(time.monotonic() - started, 1)
    spans = [(c.start, c.end, max(c.scores, key=lambda name: c.scores[name])) for c in clips]
    return {
        "clips": len(clips),
        "opening_seconds": round(opened, 1),
        "first_clip": [first.start, first.end],
        "analysis_seconds": round(analysed, 1),
        "first_clip_ready_seconds": round(ready[0], 1),
        "all_clips_ready_seconds": round(max(ready), 1),
        "speech_step_seconds": round(spoken["ended"] - spoken["started"], 1),
        "speech_done_seconds": round(spoken["ended"] - started, 1),
        "transcript": spoken["transcript"],
        "words": spoken["words"],
        "clips_moved_by_words": spoken["clips_moved"],
        "wall_seconds": wall,
        "clip_seconds": round(sum(end - start for start, end, _ in spans), 1),
        "encode_floor_seconds": encode_floor(str(stored), spans),
    }


def _clips(timeline: Any, **choice: Any) -> list[Any]:
    from backend.rules.defaults import PLATFORM_RULES_V1, SCORING_WEIGHTS_V1
    from workers.media.clips import find_clips

    return find_clips(timeline, weights=SCORING_WEIGHTS_V1, rules=PLATFORM_RULES_V1,
                      min_seconds=15, max_seconds=60, **{"top_n": 10, **choice})  # fmt: skip


def _submit(pool: ProcessPoolExecutor, video: Path, clip: Any, workdir: Path) -> Future[float]:
    platform = max(clip.scores, key=lambda name: clip.scores[name])
    return pool.submit(_render, str(video), clip.start, clip.end, platform, str(workdir))


def rows(result: dict[str, Any]) -> list[Row]:
    first, every = result["first_clip_ready_seconds"], result["all_clips_ready_seconds"]
    return [
        Row(
            "  first clip ready (s)",
            f"{first}",
            target="<= 30 s",
            met=first is not None and first <= 30,
        ),
        Row(
            f"upload -> {result['clips']} vertical clips ready (s)",
            f"{every}",
            target="<= 150 s",
            met=every is not None and every <= 150 and result["clips"] == 10,
        ),
        Row("  opening analysed, first clip chosen (s)", f"{result.get('opening_seconds')}"),
        Row("  picture + sound analysis (s)", f"{result['analysis_seconds']}"),
        Row(
            f"  encode floor: {result.get('clip_seconds')} s of clips, x264 only (s)",
            f"{result.get('encode_floor_seconds')}",
        ),
        Row(
            f"  speech step, after the renders (s; {result['clips_moved_by_words']} moved)",
            f"{result['speech_step_seconds']}",
        ),
    ]
