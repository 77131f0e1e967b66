"""Captions end to end: `stakazo clip --captions` against a local OpenAI-compatible transcription
server burns the friday clip's real dialogue, timed to its words, and the frames read back show
captions exactly while an event is on screen. With only the offline engine, captions stay off
and the command says why, unless the user insists."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from backend.rules.defaults import PLATFORM_RULES_V1
from tests.media.transcription_server import FRIDAY_WORDS, transcription_server
from workers.media.master import caption_area

FRAME_W, FRAME_H = 270, 480  # frames read back at a quarter of 1080x1920


def _run_clip(
    source: Path, out: Path, *args: str, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", "clip", str(source), "--out", str(out),
         "--platform", "tiktok", *args],
        capture_output=True, text=True, timeout=600, env={**os.environ, **env}, check=False,
    )  # fmt: skip


def _frame(video: Path, at: float) -> np.ndarray:
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-ss", f"{at:.3f}", "-i", str(video), "-frames:v", "1",
         "-vf", f"scale={FRAME_W}:{FRAME_H}", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, dtype=np.uint8).reshape(FRAME_H, FRAME_W, 3).astype(int)


def _highlight_pixels(frame: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the highlighted word is: the film is black and white, the highlight is yellow."""
    red, green, blue = frame[..., 0], frame[..., 1], frame[..., 2]
    ys, xs = np.nonzero((red > 170) & (green > 130) & (blue < 110) & (red - blue > 90))
    return ys, xs


def test_server_words_are_burned_where_and_when_they_are_spoken(shared_media, tmp_path):
    out = tmp_path / "out"
    with transcription_server("words") as server:
        result = _run_clip(
            shared_media / "his_girl_friday_dialogue.mp4", out,
            "--captions", "--caption-preset", "word-highlight",
            env={"STAKAZO_TRANSCRIPTION_BASE_URL": server.url,
                 "STAKAZO_TRANSCRIPTION_MODEL": "local-whisper"},
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Captions are off" not in result.stderr
    [request] = server.requests
    assert request["model"]
    assert request["authorization"] is None
    report = json.loads((out / "clips.json").read_text())
    assert report["speech_engine"] == "openai-compatible"
    assert report["captions"] == {"burned": True, "preset": "word-highlight", "why_not": None}
    [clip] = report["clips"]
    events = clip["captions"]

    # The real dialogue, in order, in sentence case with its punctuation.
    burned = " ".join(" ".join(event["text"].split()) for event in events)
    spoken = [w for w, a, b in FRIDAY_WORDS if clip["start"] <= a and b <= clip["end"] + 0.05]
    assert burned == " ".join(spoken)
    assert burned.startswith(("Hildy!", "How are you?"))
    assert burned.endswith("crown jewels.")

    # Every event within 0.2 s of its words' times (clip-relative), every word at its own time.
    times = {(w, round(a - clip["start"], 2)): b - clip["start"] for w, a, b in FRIDAY_WORDS}
    for event in events:
        first, last = event["words"][0], event["words"][-1]
        assert abs(event["start"] - first[1]) <= 0.2
        assert abs(event["end"] - last[2]) <= 0.2
        for text, start, end in event["words"]:
            assert abs(times[(text, round(start, 2))] - end) <= 0.01

    # Frames read back: captions while an event is on screen, none in the gaps between them.
    video = out / "clip-01.tiktok.mp4"
    area = caption_area([PLATFORM_RULES_V1["tiktok"]])
    for event in events:
        for at in (event["start"] + 0.1, (event["start"] + event["end"]) / 2, event["end"] - 0.1):
            ys, xs = _highlight_pixels(_frame(video, at))
            assert len(xs) > 40, f"no caption at {at:.2f} s ({event['text']!r})"
            # ...and inside the safe area, clear of the platform's buttons and caption bar
            assert xs.min() >= area["left"] * FRAME_W
            assert xs.max() <= (1 - area["right"]) * FRAME_W
            assert ys.min() >= area["top"] * FRAME_H
            assert ys.max() <= (1 - area["bottom"]) * FRAME_H
    gaps = [(a["end"], b["start"]) for a, b in itertools.pairwise(events)]
    quiet = [(a + b) / 2 for a, b in gaps if b - a >= 0.2]
    assert quiet, "the dialogue has pauses between sentences"
    for at in quiet:
        ys, _ = _highlight_pixels(_frame(video, at))
        assert len(ys) == 0, f"a caption is on screen at {at:.2f} s, between events"


def test_offline_engine_keeps_captions_off_and_says_why_unless_insisted(shared_media, tmp_path):
    source = shared_media / "grid_swwp2s_talking_head.mpg"
    env = {"STAKAZO_SPEECH_ENGINE": "whisper-tiny.en", "STAKAZO_CLIP_MIN_SECONDS": "1"}
    refused = _run_clip(source, tmp_path / "auto", "--captions", env=env)
    assert refused.returncode == 0, refused.stderr[-3000:]
    assert "Captions are off: the offline speech engine (whisper-tiny.en)" in refused.stderr
    assert "STAKAZO_TRANSCRIPTION_BASE_URL" in refused.stderr
    assert "--captions=always" in refused.stderr
    report = json.loads((tmp_path / "auto" / "clips.json").read_text())
    assert report["captions"]["burned"] is False
    assert all(clip["captions"] == [] for clip in report["clips"])

    insisted = _run_clip(source, tmp_path / "always", "--captions=always", env=env)
    assert insisted.returncode == 0, insisted.stderr[-3000:]
    assert "Captions are off" not in insisted.stderr
    report = json.loads((tmp_path / "always" / "clips.json").read_text())
    assert report["captions"]["burned"] is True
    words = " ".join(e["text"] for clip in report["clips"] for e in clip["captions"]).lower()
    assert "white" in words
    assert "soon" in words
