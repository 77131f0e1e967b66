"""Seed a clip for the editor's browser flow into a running embedded Stakazo (its SQLite database
and media folder): the His Girl Friday dialogue as the source video, its timeline with word
times from an OpenAI-compatible engine (so captions are reliable), and the clip rendered for
TikTok with captions (a 9:16 cut of the source). Prints the clip's id. Seeded again into the
same workspace, the video is another asset (a workspace holds a file once: its hash is salted).
Usage (from the repository root, PYTHONPATH=.):
    python dashboard/e2e/seed_editor.py <folder> <workspace_id> [copy-name]"""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from backend.config import Settings
from backend.db import create_engine, create_session_factory
from backend.models import Asset, AssetTimeline, Clip, Variant, Workspace
from core.ffmpeg import find_ffmpeg

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "fixtures" / "media" / "his_girl_friday_dialogue.mp4"
DURATION = 6.166

# The dialogue, each line's words spread over the line's span (0-1, 1-1.5, 1.5-3, 3-4.3, 4.6-6 s:
# a 0.37 s pause before the last line, which the editor's "Shorten pauses" cuts).
LINES = [
    (0.05, 0.95, "Hildy!"),
    (1.0, 1.5, "How are you?"),
    (1.55, 2.95, "Tell me, is the lord of the universe in?"),
    (3.05, 4.25, "Yes, he's in - in a bad humor"),
    (4.6, 5.95, "Somebody must've stolen the crown jewels"),
]


def words() -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for start, end, line in LINES:
        texts = line.split()
        step = (end - start) / len(texts)
        for n, text in enumerate(texts):
            found.append(
                {
                    "text": text,
                    "start": round(start + n * step, 3),
                    "end": round(start + (n + 1) * step - 0.02, 3),
                }
            )
    return found


def vertical_cut(target: Path) -> None:
    """The source in a 9:16 frame, small and quick to encode: what a rendered variant plays."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 (our own arguments)
        [
            find_ffmpeg(None), "-v", "error", "-y", "-i", str(SOURCE),
            "-vf", "scale=360:-2,pad=360:640:0:(oh-ih)/2:black",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", str(target),
        ],
        check=True, timeout=120,
    )  # fmt: skip


async def seed(folder: Path, workspace_id: str, copy: str = "") -> str:
    var = folder / "var"
    settings = Settings(_env_file=None, media_dir=var / "media")
    engine = create_engine(f"sqlite+aiosqlite:///{var / 'stakazo.db'}", settings)
    try:
        async with create_session_factory(engine)() as session:
            workspace = await session.get(Workspace, uuid.UUID(workspace_id))
            assert workspace is not None, f"no workspace {workspace_id}"
            asset_id = uuid.uuid4()
            key = f"assets/{asset_id}/source.mp4"
            (settings.media_dir / key).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SOURCE, settings.media_dir / key)
            session.add(
                Asset(
                    id=asset_id,
                    workspace_id=workspace.id,
                    display_name="his_girl_friday_dialogue.mp4",
                    storage_key=key,
                    size_bytes=SOURCE.stat().st_size,
                    sha256=hashlib.sha256(SOURCE.read_bytes() + copy.encode()).hexdigest(),
                    state="ready",
                    duration_seconds=DURATION,
                    transcript_status="available",
                )
            )
            seeded = words()
            session.add(
                AssetTimeline(
                    asset_id=asset_id,
                    data={
                        "duration": DURATION,
                        "shots": [],
                        "silences": [],
                        "loudness": [],
                        "motion": [],
                        "faces": [],
                        "pauses": [[0.95, 1.0], [2.95, 3.05], [4.25, 4.6]],
                        "words": seeded,
                        "speech_engine": "openai-compatible",
                    },
                )
            )
            clip = Clip(
                id=uuid.uuid4(),
                workspace_id=workspace.id,
                asset_id=asset_id,
                start_seconds=0.0,
                end_seconds=6.0,
                rank=1,
                score=0.8,
                scores={"tiktok": 0.8},
                transcript=" ".join(str(w["text"]) for w in seeded),
            )
            session.add(clip)
            await session.flush()
            video = f"variants/{clip.id}/tiktok/video.mp4"
            vertical_cut(settings.media_dir / video)
            session.add(
                Variant(
                    id=uuid.uuid4(),
                    workspace_id=workspace.id,
                    clip_id=clip.id,
                    platform="tiktok",
                    captions=True,
                    state="ready",
                    storage_key=video,
                    width=360,
                    height=640,
                    duration_seconds=6.0,
                    size_bytes=(settings.media_dir / video).stat().st_size,
                    checks={"passed": True, "violations": []},
                )
            )
            await session.commit()
            return str(clip.id)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    print(asyncio.run(seed(Path(sys.argv[1]), sys.argv[2], *sys.argv[3:4])))
