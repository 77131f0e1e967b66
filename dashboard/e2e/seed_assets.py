"""Seed many asset rows into a running embedded Stakazo's SQLite database (the browser suite's
10,000-video list). Usage: python seed_assets.py <folder> <workspace_id> <count>."""

from __future__ import annotations

import hashlib
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert

from backend.models import Asset, AssetState


def main(folder: str, workspace_id: str, count: int) -> None:
    engine = create_engine(f"sqlite:///{Path(folder) / 'var' / 'stakazo.db'}")
    start = datetime.now(UTC) - timedelta(days=30)
    states = ["ready", "ready", "ready", "rejected", "failed", "analyzing"]
    rows = []
    for n in range(count):
        asset_id = uuid.uuid4()
        at = start + timedelta(seconds=n * 60)
        rows.append(
            {
                "id": asset_id,
                "workspace_id": uuid.UUID(workspace_id),
                "display_name": f"seeded-{n:05d}.mp4",
                "storage_key": f"assets/{asset_id}/source.mp4",
                "size_bytes": 1_000_000 + n,
                "sha256": hashlib.sha256(f"seed-{n}".encode()).hexdigest(),
                "state": AssetState(states[n % len(states)]),
                "duration_seconds": 30.0 + n % 600,
                "transcript_status": "available",
                "created_at": at,
                "updated_at": at,
            }
        )
    with engine.begin() as connection:
        connection.execute(insert(Asset), rows)
    print(count)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
