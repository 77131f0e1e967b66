"""`stakazo clip INPUT --out DIR`: the whole pipeline on a local file, no server, with a
progress bar — probe, analyse, find and score clips, cut them, render the platform variants.

Each clip is rendered once per distinct render spec (workers/media/master.py): platforms that
ask for the same encode get copies of one vertical master, each checked against its own rules."""

from __future__ import annotations

import json
import shutil
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from backend.config import Settings
from backend.rules.defaults import PLATFORM_RULES_V1, SCORING_WEIGHTS_V1
from core.caption_presets import resolve
from core.speech_quality import is_reliable, why_unreliable
from workers.media._captions import clip_captions
from workers.media.analyze import analyze_media
from workers.media.check import check_output
from workers.media.clips import find_clips
from workers.media.cut import smart_cut
from workers.media.errors import InvalidMedia
from workers.media.master import caption_area, plan_masters
from workers.media.probe import probe
from workers.media.variant import RenderedVariant, render_clip, words_to_captions


class ProgressBar:
    """One line on stderr, redrawn in place: ``[#####-----]  42%  analysing``."""

    WIDTH = 30

    def __init__(self, out: TextIO = sys.stderr) -> None:
        self.out, self.label, self.last = out, "", -1.0
        self.lock = threading.Lock()

    def stage(self, label: str) -> None:
        self.label = label
        self.update(self.last if self.last > 0 else 0.0, force=True)

    def update(self, fraction: float, force: bool = False) -> None:
        fraction = max(0.0, min(1.0, fraction))
        with self.lock:
            if not force and fraction - self.last < 0.005:
                return
            self.last = fraction
            filled = int(self.WIDTH * fraction)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.out.write(f"\r[{bar}] {fraction * 100:5.1f}%  {self.label:<40}")
            self.out.flush()

    def done(self) -> None:
        self.update(1.0, force=True)
        self.out.write("\n")


def decide_captions(asked: str | None, engine: str | None, reason: str | None) -> str | None:
    """Why captions stay off for this run (None: burn them). ``asked``: None (not asked),
    "auto" (--captions) or "always" (--captions=always, the user insists)."""
    if asked is None:
        return "not asked for"
    if engine is None:
        return f"Captions are off: there is no transcript ({reason or 'no speech found'})."
    if asked == "auto" and not is_reliable(engine):
        return why_unreliable(engine) + " (--captions=always)"
    return None


def run_clip_command(
    source: Path,
    out: Path,
    platforms: list[str],
    top: int,
    captions_asked: str | None,
    settings: Settings,
    *,
    caption_preset: str | None = None,
) -> int:
    out.mkdir(parents=True, exist_ok=True)
    bar, started = ProgressBar(), time.monotonic()
    bar.stage("probing")
    try:
        info = probe(source, settings.ffmpeg_path)
    except InvalidMedia as error:
        sys.stderr.write(f"\n{source}: {error}\n")
        return 2
    bar.stage("analysing")
    workdir = out / ".work"
    analysis = analyze_media(
        source,
        info,
        workdir=workdir,
        settings=settings,
        progress=lambda f: bar.update(0.02 + 0.48 * f),
    )
    rules = {p: PLATFORM_RULES_V1[p] for p in platforms}
    weights = {p: SCORING_WEIGHTS_V1[p] for p in platforms}
    found = find_clips(
        analysis.timeline,
        weights=weights,
        rules=rules,
        min_seconds=settings.clip_min_seconds,
        max_seconds=settings.clip_max_seconds,
        top_n=top,
    )
    summary: list[dict[str, Any]] = []
    words = analysis.timeline.words
    captions_off = decide_captions(
        captions_asked, analysis.timeline.speech_engine, analysis.transcript_reason
    )
    captions = captions_off is None
    if captions_asked and captions_off:
        sys.stderr.write(f"\n{captions_off}\n")
    style = resolve(caption_preset)
    area = caption_area(rules.values())
    steps = max(1, len(found) * 2)  # a cut and a master per clip, in the usual case
    done = 0.0
    for rank, clip in enumerate(found, start=1):
        name = f"clip-{rank:02d}"
        bar.stage(f"cutting {name}")
        cut = smart_cut(source, out / f"{name}.mp4", clip.start, clip.end)
        done += 1
        lines = (
            words_to_captions(words, clip.start, clip.end, style, area)
            if captions and words
            else None
        )
        groups = plan_masters(
            rules, start=clip.start, end=clip.end, caption_lines=lines, caption_style=style
        )
        variants = {}
        for group in groups:
            bar.stage(f"rendering {name} for {', '.join(group)}")
            base = 0.5 + 0.5 * done / steps

            def advance(
                fraction: float, base: float = base, share: float = 1 / len(groups)
            ) -> None:
                bar.update(base + 0.5 * fraction * share / steps)

            rendered = render_clip(
                source,
                workdir / f"{name}-{group[0]}",
                start=clip.start,
                end=clip.end,
                rules=rules[group[0]],
                words=words,
                captions=captions,
                timeout=settings.ffmpeg_timeout_seconds,
                progress=advance,
                caption_area=area,
                caption_style=style,
            )
            for platform in group:
                variants[platform] = _place(rendered, out, name, platform, rules[platform],
                                            master=group[0])  # fmt: skip
            done += 1 / len(groups)
        summary.append(
            {
                "rank": rank,
                "start": clip.start,
                "end": clip.end,
                "score": clip.score,
                "scores": clip.scores,
                "features": clip.features,
                "duration_fit": clip.duration_fit,
                "clip": str(cut.path),
                "variants": variants,
                # clip-relative, as burned (the upload's timeline starts at the clip's start)
                "captions": [
                    {
                        "start": round(e.start, 3),
                        "end": round(e.end, 3),
                        "text": e.text,
                        "words": [[w.text, round(w.start, 3), round(w.end, 3)] for w in e.words],
                    }
                    for e in clip_captions(lines or [], clip.start, clip.end - clip.start)
                ],
            }
        )
    bar.done()
    report = {
        "source": str(source),
        "duration": info.duration,
        "media": asdict(info)["format_name"],
        "transcript": analysis.transcript_status,
        "transcript_reason": analysis.transcript_reason,
        "speech_engine": analysis.timeline.speech_engine,
        "captions": {"burned": captions, "preset": style.name, "why_not": captions_off},
        "shots": analysis.timeline.shots,
        "clips": summary,
        "seconds": round(time.monotonic() - started, 1),
    }
    (out / "clips.json").write_text(json.dumps(report, indent=2, default=str))
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"{len(summary)} clip(s) written to {out} in {report['seconds']} s (see clips.json)")
    return 0


def _place(
    rendered: RenderedVariant,
    out: Path,
    name: str,
    platform: str,
    rules: dict[str, Any],
    *,
    master: str,
) -> dict[str, Any]:
    """The platform's copies of the master's files, checked against its own rules."""
    targets = {
        "video": out / f"{name}.{platform}.mp4",
        "cover": out / f"{name}.{platform}.jpg",
        "preview": out / f"{name}.{platform}.preview.mp4",
    }
    for key, made in (("video", rendered.video), ("cover", rendered.cover),
                      ("preview", rendered.preview)):  # fmt: skip
        shutil.copyfile(made, targets[key])
    violations = (
        rendered.result.violations if platform == master else check_output(targets["video"], rules)
    )
    return {
        **{key: str(path) for key, path in targets.items()},
        "violations": list(violations),
        "master": master,
    }
