"""Caption limits per platform, checked when a publication is created so that a post is never
refused for its text after the upload."""

from __future__ import annotations

import re

_HASHTAG = re.compile(r"(?<!\w)#\w+")
_MENTION = re.compile(r"(?<!\w)@[\w.]+")


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def caption_problems(platform: str, caption: str, title: str) -> list[str]:
    problems: list[str] = []
    if platform == "instagram":
        if len(caption) > 2200:
            problems.append(
                f"Instagram captions hold 2,200 characters; this one has {len(caption)}."
            )
        if len(_HASHTAG.findall(caption)) > 30:
            problems.append("Instagram allows at most 30 hashtags in a caption.")
        if len(_MENTION.findall(caption)) > 20:
            problems.append("Instagram allows at most 20 @-mentions in a caption.")
    elif platform == "tiktok":
        if _utf16_length(caption) > 2200:
            problems.append("TikTok captions hold 2,200 characters.")
    elif platform == "youtube":
        if len(youtube_title(caption, title)) > 100:
            problems.append("YouTube titles hold 100 characters.")
        if len(caption.encode()) > 5000:
            problems.append("YouTube descriptions hold 5,000 bytes.")
        if any(mark in caption + title for mark in "<>"):
            problems.append("YouTube does not accept < or > in titles and descriptions.")
    return problems


def youtube_title(caption: str, title: str) -> str:
    """The title as sent: the given one, else the caption's first line (cut at a word)."""
    if title.strip():
        return title.strip()
    first_line = caption.strip().splitlines()[0] if caption.strip() else ""
    if len(first_line) <= 100:
        return first_line or "Short"
    return first_line[:99].rsplit(" ", 1)[0] + "…"
