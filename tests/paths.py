"""Where the shared test media lives: beside the repository, as CI lays it out."""

from pathlib import Path

SHARED_MEDIA = (Path(__file__).resolve().parents[1] / ".." / "shared" / "media").resolve()
