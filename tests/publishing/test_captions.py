from __future__ import annotations

from backend.publishing.captions import caption_problems, youtube_title


def test_instagram_limits():
    assert caption_problems("instagram", "fine #one @two", "") == []
    assert "2,200" in caption_problems("instagram", "x" * 2201, "")[0]
    assert (
        "30 hashtags" in caption_problems("instagram", " ".join(f"#t{i}" for i in range(31)), "")[0]
    )
    assert (
        "20 @-mentions"
        in caption_problems("instagram", " ".join(f"@u{i}" for i in range(21)), "")[0]
    )


def test_tiktok_counts_utf16_units():
    assert caption_problems("tiktok", "😀" * 1100, "") == []  # 2,200 UTF-16 units
    assert caption_problems("tiktok", "😀" * 1101, "") != []


def test_youtube_title_and_forbidden_marks():
    assert youtube_title("First line\nsecond", "") == "First line"
    assert youtube_title("", "") == "Short"
    long_title = youtube_title("word " * 40, "")
    assert len(long_title) <= 100
    assert long_title.endswith("…")
    assert caption_problems("youtube", "a <b> c", "") != []
    assert caption_problems("youtube", "ok", "t" * 101) != []
