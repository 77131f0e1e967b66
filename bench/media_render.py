"""Vertical 1080x1920 renders: speed of each x264 setting and its quality against today's output.

Each source gets one crop path (follow_subject, timed: is the reframing scan a real share of a
render?), then every candidate renders the same range with it, interleaved, and is compared
frame by frame with the reference render (veryfast CRF 23) by ffmpeg's ``ssim`` filter (and
``libvmaf`` for the adopted setting when this ffmpeg has it). CPU seconds (ffmpeg's and ours) are
reported beside wall seconds: on a shared machine the wall clock says more about the neighbours.
A setting is only worth keeping at SSIM >= 0.98 against the reference on every source.
"""

from __future__ import annotations

import re
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.media_common import REPO, Context, Row, say

SSIM_FLOOR = 0.98
REAL_FOOTAGE = ("his_girl_friday_dialogue.mp4", "tears_of_steel_cuts_640x360.mp4")


def _candidates() -> list[Any]:
    from workers.media.encoding import REFERENCE, RENDER_X264, X264

    extra = [X264("superfast", 23), X264("superfast", 21), X264("ultrafast", 23),
             X264("veryfast", 23, scale_flags="bicubic")]  # fmt: skip
    return [REFERENCE, RENDER_X264, *[c for c in extra if c != RENDER_X264]]


@contextmanager
def _clock(into: dict[str, float]) -> Iterator[None]:
    """Wall and CPU seconds (this process and the ffmpeg children it waited for)."""

    def cpu() -> float:
        own, kids = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    wall, used = time.monotonic(), cpu()
    yield
    into["wall"] = round(time.monotonic() - wall, 2)
    into["cpu"] = round(cpu() - used, 2)


def compare(candidate: Path, reference: Path, *, vmaf: bool = False) -> dict[str, float]:
    """SSIM (all planes) of ``candidate`` against ``reference``; VMAF too when asked."""
    from workers.media.runner import run_ffmpeg

    graph = "[0:v][1:v]ssim"
    if vmaf:  # every 3rd frame: VMAF at 1080x1920 costs more than the render itself
        graph = "[0:v]split[a0][a1];[1:v]split[b0][b1];[a0][b0]ssim;" \
                "[a1][b1]libvmaf=n_subsample=3:n_threads=2"  # fmt: skip
    result = run_ffmpeg(["-v", "info", "-i", str(candidate), "-i", str(reference),
                         "-lavfi", graph, "-f", "null", "-"],
                        timeout=1800, what="quality", capture_stderr=True)  # fmt: skip
    scores = {"ssim": float(re.findall(r"SSIM .*All:([0-9.]+)", result.stderr)[-1])}
    if vmaf:
        scores["vmaf"] = float(re.findall(r"VMAF score: ([0-9.]+)", result.stderr)[-1])
    return {key: round(value, 4) for key, value in scores.items()}


def has_vmaf() -> bool:
    from workers.media._captions import available_filters
    from workers.media.ffmpeg import find_ffmpeg

    return "libvmaf" in available_filters(find_ffmpeg())


def _sources(ctx: Context) -> list[tuple[str, Path, float, float]]:
    media = REPO / "tests" / "fixtures" / "media"
    real = [(name.split("_")[0], media / name, 0.0, 30.0) for name in REAL_FOOTAGE]
    return [("generated", ctx.video, 60.0, 90.0), *[r for r in real if r[1].is_file()]]


def measure_source(
    name: str, video: Path, start: float, end: float, scratch: Path
) -> dict[str, Any]:
    from backend.rules.defaults import PLATFORM_RULES_V1
    from workers.media.reframe import follow_subject
    from workers.media.render import render_variant

    rules = PLATFORM_RULES_V1["instagram"]
    reframe: dict[str, float] = {}
    with _clock(reframe):
        crop = follow_subject(video, start=start, end=end, timeout=3600)
    outputs, runs = {}, []
    for encoder in _candidates():
        out = scratch / f"{name}-{encoder.label.replace(' ', '_')}"
        out.mkdir(parents=True)
        timing: dict[str, float] = {}
        with _clock(timing):
            result = render_variant(video, out / "video.mp4", start=start, end=end, rules=rules,
                                    crop_path=crop, cover_path=out / "cover.jpg",
                                    preview_path=out / "preview.mp4", encoder=encoder,
                                    timeout=3600)  # fmt: skip
        outputs[encoder] = out / "video.mp4"
        runs.append({"setting": encoder.label, **timing, "duration": result.duration,
                     "realtime": round(result.duration / timing["wall"], 2),
                     "bytes": (out / "video.mp4").stat().st_size,
                     "violations": result.violations})  # fmt: skip
        say(f"  {name} {encoder.label}: {timing['cpu']} s CPU, {timing['wall']} s wall")
    reference, adopted = _candidates()[0], _candidates()[1]
    vmaf = has_vmaf()
    for run, encoder in zip(runs, _candidates(), strict=True):
        scores = compare(outputs[encoder], outputs[reference], vmaf=vmaf and encoder == adopted)
        run.update(scores, cpu_ratio=round(runs[0]["cpu"] / run["cpu"], 2))
    two_pass = _preview_from_master(video, start, end, rules, crop, scratch / f"{name}-2pass")
    return {"source": name, "start": start, "end": end, "reframe": reframe,
            "reframe_share": round(reframe["cpu"] / (reframe["cpu"] + runs[1]["cpu"]), 3),
            "runs": runs, "preview_from_master": two_pass}  # fmt: skip


def _preview_from_master(
    video: Path, start: float, end: float, rules: dict[str, Any], crop: Any, out: Path
) -> dict[str, float]:
    """The alternative to the preview/cover branch: render the master alone, then make the
    preview and the cover candidates from the finished master in a second pass."""
    from workers.media._graph import cover_select
    from workers.media.encoding import RENDER_X264
    from workers.media.render import PREVIEW_KBPS, render_variant
    from workers.media.runner import run_ffmpeg

    out.mkdir(parents=True)
    timing: dict[str, float] = {}
    with _clock(timing):
        result = render_variant(video, out / "video.mp4", start=start, end=end, rules=rules,
                                crop_path=crop, timeout=3600)  # fmt: skip
        select, _ = cover_select(result.duration, rules["fps"])
        run_ffmpeg(["-i", str(out / "video.mp4"), "-filter_complex",
                    f"[0:v]split[a][b];[a]scale=360:640[p];[b]{select}[c]",
                    "-map", "[p]", "-map", "0:a", "-c:v", "libx264",
                    "-preset", RENDER_X264.preset, "-b:v", f"{PREVIEW_KBPS}k", "-c:a", "aac",
                    "-b:a", "64k", "-movflags", "+faststart", "-y", str(out / "preview.mp4"),
                    "-map", "[c]", "-fps_mode", "passthrough", "-q:v", "2",
                    "-y", str(out / "cover-%02d.jpg")],
                   timeout=3600, what="preview from master")  # fmt: skip
    return timing


def run(ctx: Context) -> dict[str, Any]:
    sources = [measure_source(*source, ctx.scratch) for source in _sources(ctx)]
    e2e: dict[str, float] = {}
    with _clock(e2e):
        render_one(str(ctx.video), 60.0, 90.0, str(ctx.scratch / "render"))
    return {"sources": sources, "render_clip": {**e2e, "realtime": round(30 / e2e["wall"], 2)},
            "masters_per_clip": masters_per_clip()}  # fmt: skip


def render_one(video: str, start: float, end: float, workdir: str) -> float:
    """Render one clip as the render task would; returns when it finished (monotonic)."""
    from backend.rules.defaults import PLATFORM_RULES_V1
    from workers.media.variant import render_clip

    render_clip(Path(video), Path(workdir), start=start, end=end,
                rules=PLATFORM_RULES_V1["instagram"], words=None, captions=False,
                timeout=3600)  # fmt: skip
    return time.monotonic()


def masters_per_clip() -> int:
    """How many encodes `stakazo clip` makes per 30 s clip for the three platforms."""
    from backend.rules.defaults import PLATFORM_RULES_V1
    from workers.media.master import plan_masters

    return len(plan_masters(PLATFORM_RULES_V1, start=0.0, end=30.0, caption_lines=None))


def rows(result: dict[str, Any]) -> list[Row]:
    table: list[Row] = []
    adopted_ok = True
    for source in result["sources"]:
        reference, adopted = source["runs"][0], source["runs"][1]
        for run in source["runs"][1:]:
            # A setting is kept only at the quality floor and inside the platform rules.
            kept = run["ssim"] >= SSIM_FLOOR and not run["violations"]
            vmaf = f" vmaf {run['vmaf']:g}" if "vmaf" in run else ""
            broken = " RULES" if run["violations"] else ""
            table.append(Row(f"render {source['source']}: {run['setting']}",
                             f"ssim {run['ssim']:.3f}{vmaf}{broken}", f"{reference['cpu']} s cpu",
                             run["cpu_ratio"], target=f"ssim >= {SSIM_FLOOR}, rules",
                             met=kept if run is adopted else None))  # fmt: skip
        adopted_ok = adopted_ok and adopted["ssim"] >= SSIM_FLOOR and not adopted["violations"]
        two_pass = source["preview_from_master"]["cpu"]
        table.append(Row(f"render {source['source']}: preview from master",
                         f"{two_pass} s cpu", f"{adopted['cpu']} s cpu",
                         round(adopted["cpu"] / two_pass, 2)))  # fmt: skip
        table.append(Row(f"render {source['source']}: reframing share of cpu",
                         f"{source['reframe_share']:.0%}"))  # fmt: skip
    realtime = result["render_clip"]["realtime"]
    table.append(Row("vertical render 30 s (x realtime)", f"{realtime}",
                     target=">= 2x at ssim >= 0.98", met=realtime >= 2 and adopted_ok))  # fmt: skip
    masters = result["masters_per_clip"]
    table.append(Row("encodes per clip for 3 platforms", str(masters), "3",
                     round(3 / masters, 2), target="1", met=masters == 1))  # fmt: skip
    return table
