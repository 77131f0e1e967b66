"""Storage keys are built in one place, from ids, and sit under their asset's prefix."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from backend.storage.keys import asset_prefix, validate_key, variant_keys

ROOT = Path(__file__).resolve().parents[2]


def test_a_variant_lives_under_its_asset():
    asset_id, variant_id = uuid.uuid4(), uuid.uuid4()
    keys = variant_keys(asset_id, variant_id)
    folder = f"assets/{asset_id}/variants/{variant_id}/"
    assert (keys.video, keys.cover, keys.preview) == (
        f"{folder}video.mp4",
        f"{folder}cover.jpg",
        f"{folder}preview.mp4",
    )
    for key in (keys.video, keys.cover, keys.preview):
        assert validate_key(key) == key
        # Deleting the asset's prefix removes its variants' files too.
        assert key.startswith(asset_prefix(asset_id))


def test_no_other_module_builds_a_key():
    # A key built by hand elsewhere drifts from this layout (and from its validation).
    built = re.compile(r"""f["'](assets|uploads|variants|covers|thumbnails)/""")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("backend", "workers", "sandbox")
        for path in (ROOT / folder).rglob("*.py")
        if path != ROOT / "backend/storage/keys.py" and built.search(path.read_text())
    ]
    assert offenders == []
