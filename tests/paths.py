"""Where the test media lives: real clips committed with the tests (see its ATTRIBUTION.md)."""

from pathlib import Path

TEST_MEDIA = Path(__file__).resolve().parent / "fixtures" / "media"
