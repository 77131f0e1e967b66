"""What each platform's caption rules refuse beyond the plain length limit (that one runs on every
platform in tests/platforms/test_publishing_scenarios.py)."""

from __future__ import annotations

from backend.platforms import registry


def _problems(platform: str, caption: str, title: str = "") -> list[str]:
    return registry.plugin(platform).caption_problems(caption, title)


def test_instagram_limits():
    assert _problems("instagram", "fine #one @two") == []
    assert "2,200" in _problems("instagram", "x" * 2201)[0]
    assert "30 hashtags" in _problems("instagram", " ".join(f"#t{i}" for i in range(31)))[0]
    assert "20 @-mentions" in _problems("instagram", " ".join(f"@u{i}" for i in range(21)))[0]


def test_tiktok_counts_utf16_units():
    assert _problems("tiktok", "😀" * 1100) == []  # 2,200 UTF-16 units
    assert _problems("tiktok", "😀" * 1101) != []


def test_youtube_title_and_forbidden_marks():
    title = registry.plugin("youtube").post_title
    assert title("First line\nsecond", "") == "First line"
    assert title("", "") == "Short"
    long_title = title("word " * 40, "")
    assert len(long_title) <= 100
    assert long_title.endswith("…")
    assert _problems("youtube", "a <b> c") != []
    assert _problems("youtube", "ok", "t" * 101) != []
