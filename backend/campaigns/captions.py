"""Captions and titles from a campaign's template, made to fit each platform's limits.

The template's placeholders are {title}, {hook} (the transcript's first sentence), {transcript},
{hashtags} (the required ones), {asset} and {account}. The required hashtags are always in the
result (added at the end when the template does not place them) and are never cut: text around
them is trimmed at word boundaries until the caption fits the platform's length, hashtag and
mention limits. The LLM path (workers/tasks/campaigns.py) validates its text with ``problems``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from backend.platforms import registry
from backend.platforms.registry import display_name
from backend.rules.preflight import text_length

DEFAULT_TEMPLATE = "{hook}\n\n{hashtags}"
ELLIPSIS = "…"
TITLE_FALLBACK = "Short"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_HASHTAG = re.compile(r"(?<![\w#])#\w+")
_MENTION = re.compile(r"(?<![\w@])@[\w.]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True)
class CaptionLimits:
    caption_max: int
    title_max: int
    hashtags_max: int
    mentions_max: int
    forbidden: str = ""  # characters the platform refuses anywhere


def _published_limits(platform: str) -> Mapping[str, Any]:
    """The platform's own published limits (its plugin's posting rules), for what the active
    rules do not say."""
    try:
        return registry.plugin(platform).posting_rules
    except registry.UnknownPlatform:
        return {}


def limits_for(platform: str, rules: Mapping[str, Any] | None) -> CaptionLimits:
    published = _published_limits(platform)
    base = CaptionLimits(
        caption_max=int(published.get("caption_max_chars", 2200)),
        title_max=int(published.get("title_max_chars", 100)),
        hashtags_max=int(published.get("hashtags_max", 100)),
        mentions_max=int(published.get("mentions_max", 100)),
        forbidden=str(published.get("forbidden_characters", "")),
    )
    given = rules or {}

    def pick(key: str, default: int) -> int:
        value = given.get(key)
        return int(value) if isinstance(value, int) and value > 0 else default

    return CaptionLimits(
        caption_max=pick("caption_max_chars", base.caption_max),
        title_max=pick("title_max_chars", base.title_max),
        hashtags_max=pick("hashtags_max", base.hashtags_max),
        mentions_max=pick("mentions_max", base.mentions_max),
        forbidden=base.forbidden,
    )


@dataclass(frozen=True)
class CaptionFacts:
    transcript: str
    asset_name: str
    account_name: str
    clip_caption: str = ""


def normalize_hashtags(tags: list[str]) -> list[str]:
    cleaned = ["#" + tag.strip().lstrip("#") for tag in tags if tag.strip().lstrip("#")]
    return list(dict.fromkeys(cleaned))


def hook(transcript: str) -> str:
    text = " ".join(transcript.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


def hashtags_in(text: str) -> list[str]:
    return _HASHTAG.findall(text)


def measure(platform: str, text: str) -> int:
    return text_length(text, str(_published_limits(platform).get("caption_unit", "characters")))


def problems(platform: str, limits: CaptionLimits, caption: str, title: str) -> list[str]:
    """What breaks the limits, in words (empty: it fits)."""
    name = display_name(platform)
    found = []
    if measure(platform, caption) > limits.caption_max:
        found.append(f"{name} captions hold {limits.caption_max} characters.")
    if len(title) > limits.title_max:
        found.append(f"{name} titles hold {limits.title_max} characters.")
    if len(_HASHTAG.findall(caption)) > limits.hashtags_max:
        found.append(f"{name} allows at most {limits.hashtags_max} hashtags.")
    if len(_MENTION.findall(caption)) > limits.mentions_max:
        found.append(f"{name} allows at most {limits.mentions_max} mentions.")
    if any(mark in caption + title for mark in limits.forbidden):
        found.append(f"{name} does not accept {' or '.join(limits.forbidden)}.")
    return found


def _trim(text: str, budget: int, size: Callable[[str], int]) -> str:
    """The longest start of ``text`` ending at a word boundary (plus …) within ``budget``."""
    if size(text) <= budget:
        return text
    if budget <= size(ELLIPSIS):
        return ""
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if size(text[:mid] + ELLIPSIS) <= budget:
            low = mid
        else:
            high = mid - 1
    cut = text[:low]
    if low < len(text) and not text[low].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    cut = cut.rstrip()
    return cut + ELLIPSIS if cut else ""


def _thin(text: str, pattern: re.Pattern[str], keep: int) -> str:
    """Drop the last hashtags (or turn the last mentions into plain words) beyond ``keep``."""
    found = list(pattern.finditer(text))
    excess = len(found) - keep
    for match in reversed(found):
        if excess <= 0:
            break
        plain = "" if pattern is _HASHTAG else match.group(0)[1:]
        text = text[: match.start()] + plain + text[match.end() :]
        excess -= 1
    return re.sub(r"[ \t]{2,}", " ", text)


def render(
    platform: str,
    limits: CaptionLimits,
    template: str,
    required_hashtags: list[str],
    facts: CaptionFacts,
) -> tuple[str, str]:
    """The caption and title for one post, always within ``limits``."""
    tags = normalize_hashtags(required_hashtags)
    title = make_title(limits, facts)
    values = {
        "title": title,
        "hook": hook(facts.transcript) or facts.clip_caption,
        "transcript": " ".join(facts.transcript.split()),
        "asset": facts.asset_name,
        "account": facts.account_name,
    }
    chosen = template or (f"{facts.clip_caption}\n\n{{hashtags}}" if facts.clip_caption else "")
    chosen = chosen or DEFAULT_TEMPLATE
    before, marker, after = chosen.partition("{hashtags}")
    if not marker:
        before, after = before.rstrip() + "\n\n", ""

    def fill(part: str) -> str:
        text = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), part)
        text = "".join(ch for ch in text if ch not in limits.forbidden)
        # An empty placeholder leaves no stray spaces behind.
        return re.sub(r"[ \t]+(?=\n)", "", re.sub(r"[ \t]{2,}", " ", text))

    # The required tags live in one block where the template puts them (else at the end),
    # so no trimming of the text around them can ever cut one.
    required = re.compile(
        "|".join(rf"(?<![\w#]){re.escape(tag)}(?!\w)" for tag in tags) or r"(?!x)x", re.IGNORECASE
    )
    head, tail = (required.sub("", fill(part)) for part in (before, after))
    block = " ".join(tags)
    head = _thin(head, _HASHTAG, max(0, limits.hashtags_max - len(tags)))
    tail = _thin(tail, _HASHTAG, max(0, limits.hashtags_max - len(tags) - _count(head)))
    head = _thin(head, _MENTION, limits.mentions_max)
    tail = _thin(tail, _MENTION, max(0, limits.mentions_max - len(_MENTION.findall(head))))
    size = partial(measure, platform)
    room = limits.caption_max - size(block) - 2  # two spaces, should the block need them
    tail = _trim(tail, max(0, room - size(head)), size)
    head = _trim(head, max(0, room - size(tail)), size)
    before_block = " " if head and block and not head[-1].isspace() else ""
    after_block = " " if tail and block and not tail[0].isspace() else ""
    caption = (head + before_block + block + after_block + tail).strip()
    return caption, title


def _count(text: str) -> int:
    return len(_HASHTAG.findall(text))


def make_title(limits: CaptionLimits, facts: CaptionFacts) -> str:
    base = hook(facts.transcript) or facts.clip_caption.strip().split("\n")[0] or facts.asset_name
    base = "".join(ch for ch in base if ch not in limits.forbidden).strip() or TITLE_FALLBACK
    return _trim(base, limits.title_max, len) or TITLE_FALLBACK[: limits.title_max]
