"""Seed a clip with rendered variants for the three platforms into a running embedded Stakazo
(its SQLite database and media folder), so the browser suite can publish without running the
whole media pipeline (which has its own end-to-end tests). Prints the clip's id.
Usage (from the repository root, PYTHONPATH=.): python dashboard/e2e/seed_clip.py <folder> <workspace_id>"""

from __future__ import annotations

import asyncio
import sys
import uuid
from pathlib import Path

from backend.config import Settings
from backend.db import create_engine, create_session_factory
from backend.models import Workspace
from tests.publishing.support import clip_with_variants, make_compliant_video


async def seed(folder: Path, workspace_id: str) -> str:
    var = folder / "var"
    settings = Settings(_env_file=None, media_dir=var / "media")
    video = make_compliant_video(folder / "seed" / "compliant.mp4")
    engine = create_engine(f"sqlite+aiosqlite:///{var / 'stakazo.db'}", settings)
    try:
        async with create_session_factory(engine)() as session:
            workspace = await session.get(Workspace, uuid.UUID(workspace_id))
            assert workspace is not None, f"no workspace {workspace_id}"
            clip, _ = await clip_with_variants(session, settings, workspace, video)
            await session.commit()
            return str(clip.id)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    print(asyncio.run(seed(Path(sys.argv[1]), sys.argv[2])))
