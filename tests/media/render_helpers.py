"""Helpers for the cut/reframe/render tests: running ffmpeg, the platform rules, and readers for
the ground truth the generated sources carry (see conftest_render.py)."""

from __future__ import annotations

import importlib
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from core.ffmpeg import find_ffmpeg
from tests.paths import TEST_MEDIA

BARCODE_WIDTH, BARCODE_HEIGHT, BLOCK = 320, 240, 20
SOURCE_FPS, SOURCE_GOP, SOURCE_SECONDS = 30, 60, 10
BEEP = "if(lt(mod(t,1),0.05),0.5*sin(2*PI*1000*t),0)"


def ffmpeg(*args: str) -> bytes:
    return subprocess.run(
        [find_ffmpeg(), "-hide_banner", "-nostdin", "-v", "error", *args],
        check=True, capture_output=True, timeout=120,
    ).stdout  # fmt: skip


def shared(name: str) -> Path:
    path = TEST_MEDIA / name
    if not path.is_file():
        pytest.fail(f"test media {path} is missing from tests/fixtures/media")
    return path


def platform_rules() -> dict[str, dict[str, Any]]:
    migration = importlib.import_module("backend.migrations.versions.0002_media_pipeline")
    return dict(migration.PLATFORM_RULES_V1)


def read_barcodes(path: Path) -> list[int]:
    """The frame number burned into each decoded frame, in display order."""
    raw = ffmpeg("-i", str(path), "-map", "0:v:0", "-fps_mode", "passthrough",
                 "-vf", f"crop={BARCODE_WIDTH}:{BLOCK}:0:0,format=gray",
                 "-f", "rawvideo", "pipe:1")  # fmt: skip
    frames = np.frombuffer(raw, np.uint8).reshape(-1, BLOCK, BARCODE_WIDTH)
    centres = np.arange(BARCODE_WIDTH // BLOCK) * BLOCK + BLOCK // 2
    bits = frames[:, BLOCK // 2, centres] > 128
    return [int(sum(1 << b for b in np.flatnonzero(row))) for row in bits]


def beep_onsets(path: Path, rate: int = 48000) -> tuple[list[float], float]:
    """Start times of the beeps in the first audio stream, and the audio's length."""
    raw = ffmpeg("-i", str(path), "-map", "0:a:0", "-ac", "1", "-ar", str(rate),
                 "-f", "s16le", "pipe:1")  # fmt: skip
    loud = np.flatnonzero(np.abs(np.frombuffer(raw, np.int16).astype(np.int32)) > 3000)
    onsets: list[int] = []
    for sample in loud:
        if not onsets or sample - onsets[-1] > rate // 2:
            onsets.append(int(sample))
    return [s / rate for s in onsets], len(raw) / 2 / rate


def gray_frame(path: Path, at: float, size: tuple[int, int]) -> np.ndarray[Any, Any]:
    width, height = size
    raw = ffmpeg("-ss", f"{at:.3f}", "-i", str(path), "-frames:v", "1",
                 "-vf", f"scale={width}:{height},format=gray",
                 "-f", "rawvideo", "pipe:1")  # fmt: skip
    return np.frombuffer(raw, np.uint8).reshape(height, width)
