"""Captions and titles from the template: placeholders filled, required hashtags always there,
and always within the platform's limits however long the transcript."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.campaigns.captions import CaptionFacts, hook, limits_for, problems, render

FACTS = CaptionFacts(
    transcript="Growth is a habit. Here is how we built ours, one week at a time.",
    asset_name="Founder talk",
    account_name="brand",
)


def test_placeholders_are_filled_and_hashtags_close_the_caption():
    limits = limits_for("instagram", None)
    caption, title = render(
        "instagram", limits, "{hook} ({asset} on @{account}) {unknown}", ["brand", "#Launch"], FACTS
    )
    assert caption == "Growth is a habit. (Founder talk on @brand)\n\n#brand #Launch"
    assert title == "Growth is a habit."
    placed, _ = render("instagram", limits, "{hashtags} {transcript}", ["brand"], FACTS)
    assert placed.startswith("#brand Growth is a habit. Here is how")


def test_rules_limits_win_over_the_defaults_and_text_is_cut_at_a_word():
    limits = limits_for("tiktok", {"caption_max_chars": 40, "title_max_chars": 10})
    caption, title = render("tiktok", limits, "{transcript}", ["brand"], FACTS)
    assert caption == "Growth is a habit. Here is how… #brand"
    assert len(caption) <= 40
    assert title == "Growth is…"
    assert problems("tiktok", limits, caption, title) == []


def test_extra_hashtags_and_mentions_are_thinned_but_required_ones_stay():
    limits = limits_for("instagram", {"hashtags_max": 3, "mentions_max": 1})
    template = "{hook} #one #two #three #four @ann @bob {hashtags}"
    caption, _ = render("instagram", limits, template, ["brand", "launch"], FACTS)
    assert caption.count("#") == 3
    assert "#brand" in caption
    assert "#launch" in caption
    assert "#one" in caption
    assert "@ann" in caption
    assert "@bob" not in caption
    assert "bob" in caption


def test_youtube_refuses_angle_brackets_and_counts_bytes():
    limits = limits_for("youtube", {"caption_max_chars": 30})
    facts = CaptionFacts("Ünïcödé <tags> everywhere in this sentence.", "talk", "brand")
    caption, title = render("youtube", limits, "{transcript}", ["go"], facts)
    assert "<" not in caption + title
    assert len(caption.encode()) <= 30
    assert caption.endswith("#go")


def test_the_hook_is_the_first_sentence():
    assert hook("  One.  Two!  ") == "One."
    assert hook("") == ""


words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)


@settings(max_examples=200, deadline=None)
@given(
    platform=st.sampled_from(["instagram", "tiktok", "youtube"]),
    transcript=words,
    template=st.sampled_from(["", "{transcript}", "{hook} {hashtags} {transcript}", "{title}"]),
    tags=st.lists(st.from_regex(r"[a-z]{1,12}", fullmatch=True), max_size=4),
    caption_max=st.integers(60, 300),
    hashtags_max=st.integers(4, 10),
)
def test_never_over_the_limits_and_never_without_a_required_hashtag(
    platform, transcript, template, tags, caption_max, hashtags_max
):
    rules = {"caption_max_chars": caption_max, "hashtags_max": hashtags_max, "mentions_max": 2}
    limits = limits_for(platform, rules)
    facts = CaptionFacts(transcript, "talk", "brand")
    caption, title = render(platform, limits, template, tags, facts)
    assert problems(platform, limits, caption, title) == []
    for tag in tags:
        assert f"#{tag}" in caption
