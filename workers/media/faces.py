"""Faces per sampled frame, with the Haar cascade that ships inside opencv-python-headless.

Frames are decoded at one per second, grey and at most 320 px wide: enough for a frontal face
that matters in a short clip, cheap enough to run on every upload. ffmpeg autorotates while
decoding, so a phone video stored sideways is searched upright.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2

from workers.media.grey import grey_frames
from workers.media.info import MediaInfo
from workers.media.runner import CancelSignal, ProgressCallback

SAMPLE_FPS = 1.0
MAX_WIDTH = 320


@dataclass(frozen=True)
class FaceSample:
    time: float
    count: int
    boxes: list[tuple[float, float, float, float]]  # x, y, w, h as fractions of the frame


def detect_faces(
    path: Path,
    info: MediaInfo,
    *,
    ffmpeg_path: str | None = None,
    timeout: float = 1800.0,
    progress: ProgressCallback | None = None,
    cancel: CancelSignal | None = None,
) -> list[FaceSample]:
    # Display geometry (pixel aspect and rotation applied): a face is searched, and its box
    # reported, in the shape people see, not squeezed as an anamorphic file stores it.
    width, height = info.display_size_within(MAX_WIDTH)
    frames = grey_frames(
        path,
        info,
        width=width,
        height=height,
        rate=f"fps={SAMPLE_FPS},",
        ffmpeg_path=ffmpeg_path,
        timeout=timeout,
        progress=progress,
        cancel=cancel,
    )
    cascade = cv2.CascadeClassifier(
        str(Path(cv2.data.haarcascades) / "haarcascade_frontalface_default.xml")  # type: ignore[attr-defined]
    )
    samples = []
    for index, frame in enumerate(frames):
        image = cv2.equalizeHist(frame)
        found = cascade.detectMultiScale(image, scaleFactor=1.1, minNeighbors=5, minSize=(20, 20))
        boxes = [
            (
                round(float(x) / width, 3),
                round(float(y) / height, 3),
                round(float(w) / width, 3),
                round(float(h) / height, 3),
            )
            for x, y, w, h in found
        ]
        samples.append(FaceSample(round(index / SAMPLE_FPS, 3), len(boxes), boxes))
    return samples
