"""Where to put a 9:16 window in a landscape clip, over time.

Frames are sampled small and grey (a few per second; the decode is the cost, see
docs/media.md). Faces come from OpenCV's bundled Haar cascades (frontal, plus profile
both ways); each is weighted by its size and by how much it moves, because a talking face moves
and a wall clock that fools the frontal cascade does not. A Viterbi pass picks, per shot, the
sequence of faces with the best total weight minus a penalty for jumping sideways, so the
camera sticks with one subject. Samples without a face fall back to where the motion is; with
neither, the last position is held, and a clip with nothing at all stays centred.

ffmpeg rotates by the display matrix when it decodes, and frames are asked for in the displayed
shape (pixel aspect applied too, so a 704x576 DVD frame is sampled as 16:9): positions found here
are positions as shown, which is also how the render crops.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import structlog

from workers.media._smooth import smooth_path
from workers.media.errors import MediaError
from workers.media.frame_stream import iter_frames
from workers.media.probe import probe

log = structlog.get_logger(__name__)

Array = np.ndarray[Any, np.dtype[np.uint8]]

TARGET_ASPECT = 9 / 16
CUT_DIFF = 40.0  # mean grey-level difference between samples that marks a shot cut
MOTION_PIXEL = 25  # a pixel "moved" when it changed by more than this
MIN_MOTION_SHARE = 0.002  # below this share of moving pixels there is no motion to follow
JUMP_PENALTY = 3.0  # Viterbi cost of moving the whole width between two samples
GROUP_SHARE = 0.35  # faces this strong relative to the strongest count as part of the group
GROUP_FIT = 0.75  # a group is framed together when it spans at most this much of the window


@dataclass(frozen=True)
class CropPath:
    keypoints: list[tuple[float, float]]  # (seconds from the clip start, centre x / width)
    method: str  # "faces", "motion", "centre" or "full-width" (nothing to choose)
    source_size: tuple[int, int]  # displayed (upright) width and height
    crop_width_fraction: float  # width of the 9:16 window over the displayed width
    face_samples: int = 0
    motion_samples: int = 0


@lru_cache(maxsize=1)
def _cascades() -> list[Any]:
    import cv2

    if not hasattr(cv2, "CascadeClassifier"):  # OpenCV 5 moved Haar cascades out of the core
        log.warning("media.reframe.no_haar_cascades", opencv=cv2.__version__)
        return []
    names = ("haarcascade_frontalface_default.xml", "haarcascade_profileface.xml")
    folder = cv2.data.haarcascades  # type: ignore[attr-defined]  # untyped in OpenCV's stubs
    cascades = [cv2.CascadeClassifier(folder + name) for name in names]
    return [c for c in cascades if not c.empty()]


def _faces(gray: Array, previous: Array | None) -> list[tuple[float, float]]:
    """(centre x / width, weight) of each face: weight = relative area x (1 + motion inside)."""
    import cv2

    height, width = gray.shape
    equalized = cv2.equalizeHist(gray)
    min_side = max(20, height // 14)
    boxes: list[tuple[int, int, int, int]] = []
    for n, cascade in enumerate(_cascades()):
        for flipped in (False, True) if n == 1 else (False,):  # profile cascade faces one way
            image = cv2.flip(equalized, 1) if flipped else equalized
            found = cascade.detectMultiScale(image, 1.15, 4, minSize=(min_side, min_side))
            for x, y, w, h in found:
                boxes.append((width - x - w if flipped else x, y, w, h))
    faces = []
    for x, y, w, h in boxes:
        motion = 0.0
        if previous is not None:
            motion = float(np.mean(cv2.absdiff(gray[y:y + h, x:x + w],
                                               previous[y:y + h, x:x + w])))  # fmt: skip
        faces.append((float(x + w / 2) / width, float(w * h) / (width * height) * (1 + motion)))
    return faces


def _with_group(faces: list[tuple[float, float]], window: float) -> list[tuple[float, float]]:
    """Add a candidate framing all the strong faces at once when they fit in the window
    (two people in a dialogue), weighted by their sum so it wins over either alone."""
    if len(faces) < 2:
        return faces
    strongest = max(w for _, w in faces)
    strong = [(x, w) for x, w in faces if w >= GROUP_SHARE * strongest]
    xs = [x for x, _ in strong]
    if len(strong) < 2 or max(xs) - min(xs) > window * GROUP_FIT:
        return faces
    return [*faces, ((max(xs) + min(xs)) / 2, sum(w for _, w in strong))]


def _motion_centre(diff: Array) -> float | None:
    moving = diff > MOTION_PIXEL
    if moving.mean() < MIN_MOTION_SHARE:
        return None
    columns = moving.sum(axis=0).astype(np.float64)
    # Weighted median rather than mean: two movers on both sides should not yield the gap.
    cumulative = np.cumsum(columns)
    middle = int(np.searchsorted(cumulative, cumulative[-1] / 2))
    return (middle + 0.5) / int(diff.shape[1])


def _viterbi(candidates: list[list[tuple[float, float]]]) -> list[float | None]:
    """Per sample, the face on the best-scoring path (weight minus jump penalty)."""
    best: list[float | None] = [None] * len(candidates)
    steps = [(k, c) for k, c in enumerate(candidates) if c]
    if not steps:
        return best
    peak = max(w for _, c in steps for _, w in c) or 1.0
    scores = [w / peak for _, w in steps[0][1]]
    back: list[list[int]] = [[0] * len(steps[0][1])]
    for (_, prev), (_, cands) in itertools.pairwise(steps):
        row_scores, row_back = [], []
        for x, w in cands:
            options = [scores[j] - JUMP_PENALTY * abs(x - px) for j, (px, _) in enumerate(prev)]
            j = int(np.argmax(options))
            row_scores.append(options[j] + w / peak)
            row_back.append(j)
        scores, back = row_scores, [*back, row_back]
    choice = int(np.argmax(scores))
    for n in range(len(steps) - 1, -1, -1):
        k, cands = steps[n]
        best[k] = cands[choice][0]
        choice = back[n][choice]
    return best


def follow_subject(
    src: Path | str,
    *,
    start: float = 0.0,
    end: float | None = None,
    sample_fps: float = 3.0,
    analysis_width: int = 384,
    timeout: float | None = None,
    cancel: threading.Event | None = None,
) -> CropPath:
    """The 9:16 crop centre over [start, end) of ``src`` as (t, x fraction) keypoints, t
    counted from ``start``."""
    info = probe(src)
    if info.video is None:
        raise MediaError(f"{src} has no video stream")
    display_w, display_h = info.display_width, info.display_height
    crop_fraction = min(1.0, display_h * TARGET_ASPECT / display_w)
    if crop_fraction >= 0.98:  # already 9:16 or taller: there is nowhere to move
        return CropPath([(0.0, 0.5)], "full-width", (display_w, display_h), 1.0)
    stop = end if end is not None else (info.duration or 0.0)
    width, height = info.display_size_within(analysis_width)
    # A few samples a second never need the frames nothing refers to: skipping them roughly
    # halves the decode of a 1080p source, the larger part of a render's reframing cost.
    args = ["-skip_frame", "noref", "-skip_loop_filter", "all",
            "-ss", f"{start:.6f}", "-t", f"{stop - start:.6f}",
            "-i", str(src), "-map", "0:v:0", "-an", "-sn",
            "-vf", f"fps={sample_fps},scale={width}:{height}:flags=fast_bilinear,format=gray",
            "-f", "rawvideo", "pipe:1"]  # fmt: skip
    faces: list[list[tuple[float, float]]] = []
    motion: list[float | None] = []
    cuts: list[int] = []
    previous: Array | None = None
    limit = timeout or max(60.0, (stop - start) * 3)
    frames = iter_frames(args, frame_bytes=width * height, what="reframe sampling",
                         timeout=limit, cancel=cancel)  # fmt: skip
    for k, raw in enumerate(frames):
        gray = np.frombuffer(raw, np.uint8).reshape(height, width)
        diff = None if previous is None else np.abs(gray.astype(np.int16) - previous)
        if diff is not None and diff.mean() > CUT_DIFF:
            cuts.append(k)
            previous = None  # motion across a cut is meaningless
            diff = None
        faces.append(_with_group(_faces(gray, previous), crop_fraction))
        motion.append(None if diff is None else _motion_centre(diff.astype(np.uint8)))
        previous = gray
    if not faces:
        raise MediaError(f"no frames decoded from {src} in {start:.3f}..{stop:.3f}")
    chosen = _by_shot(faces, cuts)
    targets = [f if f is not None else m for f, m in zip(chosen, motion, strict=True)]
    half = crop_fraction / 2
    dt = 1 / sample_fps
    path = smooth_path(targets, cuts, dt, low=half, high=1 - half)
    face_n = sum(f is not None for f in chosen)
    motion_n = sum(f is None and m is not None for f, m in zip(chosen, motion, strict=True))
    method = "faces" if face_n else "motion" if motion_n else "centre"
    log.info("media.reframe.done", src=str(src), samples=len(path), faces=face_n,
             motion=motion_n, cuts=len(cuts), method=method)  # fmt: skip
    keypoints = [(round(k * dt, 4), round(float(x), 4)) for k, x in enumerate(path)]
    return CropPath(keypoints, method, (display_w, display_h), crop_fraction, face_n, motion_n)


def _by_shot(faces: list[list[tuple[float, float]]], cuts: list[int]) -> list[float | None]:
    bounds = [0, *cuts, len(faces)]
    chosen: list[float | None] = []
    for begin, end in itertools.pairwise(bounds):
        chosen += _viterbi(faces[begin:end])
    return chosen
