"""`stakazo clip` on a real video, as a separate process: outputs that meet the platform rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from backend.rules.defaults import PLATFORM_RULES_V1
from workers.media.check import check_output
from workers.media.probe import probe


def test_clip_command_writes_clips_and_variants_that_meet_the_rules(shared_media, tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "backend.cli",
            "clip",
            str(shared_media / "his_girl_friday_dialogue.mp4"),
            "--out",
            str(out),
            "--platform",
            "instagram",
            "--platform",
            "youtube",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "%" in result.stderr  # the progress bar
    assert "clip(s) written" in result.stdout
    report = json.loads((out / "clips.json").read_text())
    [clip] = report["clips"]
    assert 5.0 < clip["end"] - clip["start"] <= 6.2
    assert set(clip["scores"]) == {"instagram", "youtube"}
    cut = probe(out / "clip-01.mp4")
    assert abs(cut.duration - (clip["end"] - clip["start"])) < 0.1
    for platform in ("instagram", "youtube"):
        video = out / f"clip-01.{platform}.mp4"
        assert check_output(video, PLATFORM_RULES_V1[platform]) == []
        info = probe(video)
        assert (info.display_width, info.display_height) == (1080, 1920)
        assert info.has_audio
        assert (out / f"clip-01.{platform}.jpg").stat().st_size > 1000
        assert clip["variants"][platform]["violations"] == []
    # Both platforms ask for the same encode: one master, rendered once, copied for the other.
    assert {v["master"] for v in clip["variants"].values()} == {"instagram"}
    for suffix in ("mp4", "jpg", "preview.mp4"):
        assert (out / f"clip-01.instagram.{suffix}").read_bytes() == (
            out / f"clip-01.youtube.{suffix}"
        ).read_bytes()
    assert not (out / ".work").exists()


def test_clip_command_explains_a_bad_file(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "backend.cli", "clip", str(bad), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "not a video" in result.stderr
